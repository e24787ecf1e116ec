import type { AdminAgency, CreateAgencyRequest, UpdateAgencyRequest } from '../../shared/api/admin.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { conflict, notFound } from '../domain/domain-error.js';
import { byAdmin } from './admin-access.js';

// Agencies are one national directory (New Zealand Police is the same agency at every site), so
// every administrator sees them all; adding or changing one is a national administrator's.

const select = { id: true, code: true, name: true, kind: true, active: true } as const;

export const listAgencies = (db: Db): Promise<AdminAgency[]> => db.agency.findMany({ select, orderBy: { name: 'asc' } });

export async function createAgency(ctx: { db: Db; audit: AuditLog }, p: StaffPrincipal, req: CreateAgencyRequest): Promise<AdminAgency> {
  if (await ctx.db.agency.findUnique({ where: { code: req.code } })) throw conflict('AGENCY_EXISTS', `An agency with code ${req.code} already exists`);
  return ctx.db.$transaction(async (tx) => {
    const agency = await tx.agency.create({ data: req, select });
    await ctx.audit.record({ ...byAdmin(p), action: 'agency.create', subjectType: 'Agency', subjectId: agency.id, details: { ...req } }, tx);
    return agency;
  });
}

export async function updateAgency(ctx: { db: Db; audit: AuditLog }, p: StaffPrincipal, id: string, req: UpdateAgencyRequest): Promise<AdminAgency> {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.agency.findUnique({ where: { id }, select });
    if (!before) throw notFound('Agency');
    const agency = await tx.agency.update({ where: { id }, data: req, select });
    await ctx.audit.record({ ...byAdmin(p), action: 'agency.update', subjectType: 'Agency', subjectId: id, details: { from: before, to: req } }, tx);
    return agency;
  });
}
