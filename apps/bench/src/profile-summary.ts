import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 .cpuprofile (written by node --cpu-prof) that say where the time went. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  /** A package under node_modules, a file of this repository, or a V8/Node internal. */
  where: string;
  /** Share of the process's sampled time (idle excluded), in percent. */
  percent: number;
}

/**
 * Self time per place, from every profile a process wrote into `dir`: the figure that says what
 * holds a process back, grouped so it reads at a glance (zod, pg, typeorm, the domain …).
 */
export function summariseProfiles(dir: string, top = 12): ProfileShare[] {
  const totals = new Map<string, number>();
  let all = 0;
  const files = existsSync(dir) ? readdirSync(dir) : [];
  for (const file of files.filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const delta = profile.timeDeltas[i] ?? 0;
      if (!node || node.callFrame.functionName === '(idle)') return;
      const where = placeOf(node.callFrame.url, node.callFrame.functionName);
      totals.set(where, (totals.get(where) ?? 0) + delta);
      all += delta;
    });
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, time]) => ({ where, percent: Math.round((time / all) * 1000) / 10 }));
}

function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith('node:')) return url;
  const repo = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  return url.replace(/^file:\/\//, '');
}
