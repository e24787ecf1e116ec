import type { RequestHandler } from 'express';

/**
 * Every API answer — data, errors, files — is about families on a family-violence list: no
 * browser cache, shared computer or proxy may keep a copy. Set first, so errors carry it too.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
