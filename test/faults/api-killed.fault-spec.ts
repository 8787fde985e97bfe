import {
  expectEveryCaseAtItsStage,
  expectLogAndReadModelsConsistent,
} from './support/consistency-checks';
import { useProduct } from './support/product';
import { expectClientsServedThrough, strikeUnderLoad } from './support/strike-under-load';

const product = useProduct('api-killed');

describe('the API killed with SIGKILL while commands are arriving, then started again', () => {
  it('brings every case to its stage, each event once, the read models equal to a rebuild', async () => {
    const strike = await strikeUnderLoad(product, 'api-killed', async () => {
      await product.api.kill('SIGKILL');
      // Started again at once on the same port: clients meet refused connections meanwhile.
      await product.api.start();
    });

    expectClientsServedThrough(product, strike);
    await expectEveryCaseAtItsStage(product, strike.walks);
    await expectLogAndReadModelsConsistent(product, strike.walks);
  });
});
