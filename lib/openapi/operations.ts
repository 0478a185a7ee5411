// Every documented operation, in the document's order. A new route adds its entry to its
// feature's operations file (lib/<feature>/operations.ts) and that file is listed here once.
import { diffApi } from '../diff/operations'
import { impactApi } from '../impact/operations'
import { inputSetApi } from '../input-sets/operations'
import { planApi } from '../plans/operations'
import type { ApiOperation } from './operation'
import { openApiOperation } from './self-operations'

export const API_OPERATIONS: readonly ApiOperation[] = [
  ...Object.values(inputSetApi),
  ...Object.values(diffApi),
  ...Object.values(impactApi),
  ...Object.values(planApi),
  openApiOperation,
]
