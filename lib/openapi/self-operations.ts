// The endpoints that describe the API and the service itself. The document is an operation like
// any other (withApi, read scope); the reference page and health are answered without withApi
// (a page and a load-balancer probe) and are described here for completeness.
import { z } from 'zod'
import { errorBodySchema } from '../http/errors'
import { defineOperation, type PublicOperation } from './operation'

export const openApiOperation = defineOperation({
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This document',
  description: 'Generated from the schemas the routes validate with; `/api/docs` renders it for signed-in users.',
  tag: 'Service',
  scope: 'input_sets:read',
  responses: { 200: { description: 'The OpenAPI 3.1 document.', schema: z.record(z.string(), z.unknown()) } },
})

/** Paths answered outside withApi: no scope, so no security requirement of their own. */
export const PUBLIC_PATHS: Record<string, Record<'get', PublicOperation>> = {
  '/api/health': {
    get: {
      operationId: 'getHealth',
      summary: 'Liveness and a database round trip',
      tags: ['Service'],
      security: [],
      responses: {
        200: { description: 'The service and its database answer.', schema: z.object({ ok: z.literal(true) }) },
        503: { description: 'The database cannot be reached.', schema: errorBodySchema },
      },
    },
  },
  '/api/docs': {
    get: {
      operationId: 'getApiReference',
      summary: 'This reference as a page, for signed-in users',
      tags: ['Service'],
      security: [{ sessionCookie: [] }],
      responses: {
        200: { description: 'The reference page.', mediaType: 'text/html' },
        307: { description: 'No valid session: to the sign-in page, which brings the user back.' },
      },
    },
  },
  '/api/docs/scalar.js': {
    get: {
      operationId: 'getApiReferenceScript',
      summary: 'The reference page’s component, served from this site',
      tags: ['Service'],
      security: [],
      responses: { 200: { description: 'The component’s browser build.', mediaType: 'text/javascript' } },
    },
  },
}
