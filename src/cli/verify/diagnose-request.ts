import type { VerifyResult } from '../../core/adapter.js'
import type { WebhookRequest } from '../../core/request.js'
import type { Diagnosis, DiagnoseInput } from '../../providers/operator-kit.js'
import type { ProviderKits } from '../provider-kits.js'
import { generalDiagnoses } from './general-diagnoses.js'
import { verifyWith } from './verify-with.js'

export interface VerifyReport {
  result: VerifyResult
  diagnoses: Diagnosis[]
}

/**
 * Verifies a captured request and looks for why it failed (or why it only just passed). When some cause
 * is confirmed (undoing it made the request verify), the merely likely ones are left out.
 */
export async function diagnoseRequest(kits: ProviderKits, request: WebhookRequest, secret: string): Promise<VerifyReport> {
  const verify = (req: WebhookRequest, key: string) => verifyWith(kits.test.createAdapter, req, key)
  const result = await verify(request, secret)
  const input: DiagnoseInput = { request, secret, result, verify }
  const found = [kits.operator.diagnose, ...generalDiagnoses(kits.operator, kits.provider)]
  const diagnoses = (await Promise.all(found.map((diagnose) => diagnose(input)))).flat()
  const confirmed = diagnoses.filter((d) => d.confirmed)
  return { result, diagnoses: confirmed.length > 0 ? confirmed : diagnoses }
}
