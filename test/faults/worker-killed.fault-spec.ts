import { setTimeout as sleep } from 'node:timers/promises';
import {
  expectEveryCaseAtItsStage,
  expectLogAndReadModelsConsistent,
} from './support/consistency-checks';
import { useProduct } from './support/product';
import { expectClientsServedThrough, strikeUnderLoad } from './support/strike-under-load';

const product = useProduct('worker-killed');

describe('the worker killed with SIGKILL in the middle of activities, then started again', () => {
  it('brings every case to its stage, each event once, the read models equal to a rebuild', async () => {
    const strike = await strikeUnderLoad(product, 'worker-killed', async () => {
      await product.worker.kill('SIGKILL');
      // Down long enough for commands to arrive with no worker to take them.
      await sleep(3_000);
      await product.worker.start();
    });

    expectClientsServedThrough(product, strike);
    await expectEveryCaseAtItsStage(product, strike.walks);
    await expectLogAndReadModelsConsistent(product, strike.walks);
  });
});
