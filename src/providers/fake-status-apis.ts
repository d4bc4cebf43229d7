import { createDatamartFakeStatusApi } from './datamart/fake-status-api.js'

/** A fake status API per provider that has one, for payhooks/testing and the reconciler's tests. */
export const fakeStatusApis = { datamart: createDatamartFakeStatusApi }
