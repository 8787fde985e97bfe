// A fault spec starts four processes, drives 120 commands through an outage (PostgreSQL's lasts
// 20 s; a killed worker's appends wait out their 30 s timeout) and rebuilds the read models: the
// load gives up at 150 s (driveWalks), so a failure is reported by the spec, not by this timeout.
jest.setTimeout(300_000);
