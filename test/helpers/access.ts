// The read access tests pass to the data reads (lib/auth/access.ts), as the command-line tools do.
import { commandLineReadAccess } from '../../lib/auth/access'

export const reader = commandLineReadAccess({ kind: 'cli', id: 'cli:test', name: 'test' })
