import 'reflect-metadata';
import { loadApiConfig } from './config/api-config';
import { createApiApp } from './create-app';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
}

main().catch((err: unknown) => {
  process.stderr.write(`banso-api failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
