// GET /api/openapi.json — the OpenAPI 3.1 document, generated from the routes' own schemas (lib/openapi)
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { openApiDocument } from '@/lib/openapi/document'
import { openApiOperation } from '@/lib/openapi/self-operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(openApiOperation, async () => openApiDocument())

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
