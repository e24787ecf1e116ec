// Only `prisma dev` imports this (dynamically); SAM Room runs its own database (README, Database).
export async function startLocalDurableStreamsServer() {
  throw new Error('`prisma dev` is not part of SAM Room: its local streams runtime is stubbed out (see README, Dependencies and why)');
}
