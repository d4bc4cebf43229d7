import { createClickpesaFakeStatusApi } from './clickpesa/fake-status-api.js'
import { createDatamartFakeStatusApi } from './datamart/fake-status-api.js'
import { createMidtransFakeStatusApi } from './midtrans/fake-status-api.js'

/** A fake status API per provider that has one, for payhooks/testing and the reconciler's tests. */
export const fakeStatusApis = {
  clickpesa: createClickpesaFakeStatusApi,
  datamart: createDatamartFakeStatusApi,
  midtrans: createMidtransFakeStatusApi,
}
