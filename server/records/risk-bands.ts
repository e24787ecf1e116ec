import type { RiskLevel } from '../../shared/domain.js';

/**
 * The band of a SAFVR probability of reoffending. One definition for the importer and the demo
 * seed, so a score never reads as two different bands.
 */
export function bandOf(probability: number): RiskLevel {
  return probability < 0.3 ? 'LOW' : probability < 0.6 ? 'MEDIUM' : 'HIGH';
}
