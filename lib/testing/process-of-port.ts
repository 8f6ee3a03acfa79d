/**
 * Which of some local processes owns the loopback TCP connection whose local end is `port`: read
 * from Linux's /proc while the connection is open (the kernel lists each socket's inode by port in
 * /proc/net/tcp, and each process's open sockets by inode in /proc/<pid>/fd). Lets a test prove
 * that several worker processes each sent requests.
 */
import { readdir, readFile, readlink } from "node:fs/promises";

export async function processOfPort(port: number, pids: number[]): Promise<number | undefined> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const localPort = Number.parseInt(fields[1]?.split(":").pop() ?? "", 16);
      if (localPort === port && fields[9]) inodes.add(fields[9]);
    }
  }
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return pid;
    }
  }
  return undefined;
}
