import { setTimeout as sleep } from 'node:timers/promises';
import {
  expectEveryCaseAtItsStage,
  expectLogAndReadModelsConsistent,
} from './support/consistency-checks';
import { useProduct } from './support/product';
import { expectClientsServedThrough, strikeUnderLoad } from './support/strike-under-load';

const product = useProduct('temporal-restarted');

describe('the Temporal server stopped and started again, its data kept', () => {
  it('brings every case to its stage, each event once, the read models equal to a rebuild', async () => {
    const strike = await strikeUnderLoad(product, 'temporal-restarted', async () => {
      await product.temporal.stop();
      // Down long enough for commands to arrive with no server to take them.
      await sleep(3_000);
      // The same port and SQLite file: the workflows, their updates and timers come back.
      await product.temporal.start();
    });

    expectClientsServedThrough(product, strike);
    await expectEveryCaseAtItsStage(product, strike.walks);
    await expectLogAndReadModelsConsistent(product, strike.walks);
  });
});
