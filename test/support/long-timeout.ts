// Temporal tests start servers and skip months of timers: give them room (Jest's testTimeout is
// global-only, so each project sets its own here).
jest.setTimeout(180_000);
