import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EsError } from '../errors.js';
import type { Authenticator } from '../security/authenticator.js';
import type { Principal } from '../security/principal.js';
import { AUTHENTICATE_CHALLENGES } from '../security/security-errors.js';
import { pathOf } from './request-params.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook when security is on; undefined when it is off. */
    principal?: Principal;
  }
}

/**
 * With security on, every request (including `GET /` and `HEAD /`, as in ES) must authenticate;
 * otherwise 401 `security_exception` with ES's `WWW-Authenticate` challenges. Runs before the body
 * is read, so an unauthenticated client cannot make the server buffer a large body.
 */
export function registerAuthHook(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    try {
      request.principal = await authenticator.authenticate(headerValue(request.headers.authorization), pathOf(request.url));
    } catch (err) {
      if (err instanceof EsError && err.status === 401) reply.header('WWW-Authenticate', [...AUTHENTICATE_CHALLENGES]);
      throw err;
    }
  });
}

/** The owner to record on, and to check against, every runtime call; undefined with security off. */
export const ownerOf = (request: FastifyRequest): string | undefined => request.principal?.owner;

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
