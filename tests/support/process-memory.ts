import { readdirSync, readFileSync } from "node:fs";

// The resident memory of a process and every process under it (the test starts `next start`
// through a logging wrapper, and Next may run workers), read from /proc as the kernel counts it.

function parentOf(pid: number): number | null {
  try {
    // The command name (field 2) may hold spaces and parentheses: read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function rssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmRSS:"));
    return line ? Number(line.replace(/\D+/g, "")) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function treeRssBytes(rootPid: number): number {
  const pids = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    total += rssBytes(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}
