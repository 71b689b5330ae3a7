/** Process liveness, for discovery files that name the pid of the process that wrote them. */

/**
 * True when a process with `pid` exists. Signal 0 checks without signalling; `EPERM` means the process
 * exists but belongs to another user, so it counts as alive (a data dir it owns is still taken).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
