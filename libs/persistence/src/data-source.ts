// The DataSource the TypeORM CLI loads (`typeorm migration:run -d libs/persistence/src/data-source.ts`).
// Not exported from the index: importing it reads the environment.
import { createDataSource } from './create-data-source';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (postgres://user:password@host:port/database)');

export default createDataSource(url);
