import { driveWalks, type LoadReport, planWalks, type Walk } from './case-walks';
import type { Product } from './product';

/** Cases in flight at once, one client each: 120 commands in all (see planWalks). */
const CASES = 30;
/** The fault strikes once this many commands are done: early, with most clients mid-walk. */
const STRIKE_AFTER = 40;

export interface Strike {
  walks: Walk[];
  report: LoadReport;
  /** Commands sent and not yet answered when the fault struck. */
  inFlightAtStrike: number;
  /** When the fault struck and when it was over, on the clock of the failures' traces. */
  fault: string;
}

/** Thirty clients walk their cases; the fault strikes in the middle; the clients then finish. */
export async function strikeUnderLoad(
  product: Product,
  casePrefix: string,
  strike: () => Promise<void>,
): Promise<Strike> {
  const walks = planWalks(casePrefix, CASES);
  const load = driveWalks(product, walks);
  await load.afterCommands(STRIKE_AFTER);
  const inFlightAtStrike = load.inFlight();
  const struck = load.elapsed();
  await strike();
  const fault = `struck at ${struck}, over at ${load.elapsed()}`;
  return { walks, report: await load.finished, inFlightAtStrike, fault };
}

/**
 * The fault hit commands under way and the clients felt it (they had to send again), yet every
 * client got every command done with its keys, and no process died but the one the fault killed.
 */
export function expectClientsServedThrough(product: Product, strike: Strike): void {
  // The fault's times are on both sides: they show beside the failures' traces in a diff.
  expect({ failures: strike.report.failures, fault: strike.fault }).toEqual({
    failures: [],
    fault: strike.fault,
  });
  expect(strike.inFlightAtStrike).toBeGreaterThan(0);
  expect(Object.keys(strike.report.retriedFor).length).toBeGreaterThan(0);
  expect(product.unexpectedExits()).toEqual([]);
}
