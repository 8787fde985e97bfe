export default async function stopServices(): Promise<void> {
  await Promise.all((globalThis.bansoE2eServices ?? []).map((s) => s.stop()));
}
