import { setTimeout as sleep } from 'node:timers/promises';
import {
  expectEveryCaseAtItsStage,
  expectLogAndReadModelsConsistent,
} from './support/consistency-checks';
import { useProduct } from './support/product';
import { expectClientsServedThrough, strikeUnderLoad } from './support/strike-under-load';

const product = useProduct('postgres-outage');

describe('PostgreSQL stopped for twenty seconds while events are being appended', () => {
  it('brings every case to its stage, each event once, the read models equal to a rebuild', async () => {
    const strike = await strikeUnderLoad(product, 'postgres-outage', async () => {
      await product.postgres.stop();
      // The outage the issue asks for: appends fail and retry, reads answer 503, for 20 s.
      await sleep(20_000);
      // The same port and data folder: the log and the read models as they were.
      await product.postgres.start();
    });

    expectClientsServedThrough(product, strike);
    await expectEveryCaseAtItsStage(product, strike.walks);
    await expectLogAndReadModelsConsistent(product, strike.walks);
  });
});
