import type { Principal } from '../auth/principal.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by the session middleware when the request carries a valid session. */
      principal?: Principal;
    }
  }
}
