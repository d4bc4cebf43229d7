import { stringOption, UsageError, type OptionValues } from './command.js'
import type { Output } from './output/output.js'

export const SECRET_OPTIONS = {
  secret: { type: 'string' },
  'secret-env': { type: 'string' },
} as const

export const SECRET_USAGE = '--secret <value> | --secret-env <NAME>   the provider secret (prefer --secret-env: flags end up in shell history)'

/**
 * The provider secret from `--secret-env NAME` (preferred) or `--secret`. Either way it is hidden from
 * every later line of output; a secret typed on the command line gets a warning, since shell history
 * and `ps` show it.
 */
export function readSecret(values: OptionValues, env: Readonly<Record<string, string | undefined>>, out: Output): string {
  const fromFlag = stringOption(values, 'secret')
  const envName = stringOption(values, 'secret-env')
  if (fromFlag !== undefined && envName !== undefined) throw new UsageError('Pass either --secret or --secret-env, not both.')
  if (envName !== undefined) {
    const value = env[envName]
    if (value === undefined || value === '') throw new UsageError(`The environment variable ${envName} (from --secret-env) is not set.`)
    out.hide(value)
    return value
  }
  if (fromFlag === undefined || fromFlag === '') throw new UsageError('The provider secret is required: --secret-env <NAME> or --secret <value>.')
  out.hide(fromFlag)
  out.warn('warning: a secret passed with --secret is visible in your shell history and to other users (ps); prefer --secret-env NAME.')
  return fromFlag
}
