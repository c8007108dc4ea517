/**
 * One build at a time per output: a lock file beside what it guards, created atomically (`wx`),
 * holding the builder's PID and, on Linux, the process's start time (so a PID the system gave to
 * another process after a crash is not taken for the builder). A second build waits while the
 * holder lives, takes over a lock whose holder is gone, and gives up after a limit with a message
 * naming the holder.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockHolder {
  pid: number;
  /** Start time of the process (clock ticks since boot, from /proc), when known. */
  started?: string;
}

export interface Lock {
  file: string;
  /** Removes the lock file if it is still ours; safe to call more than once. */
  release: () => void;
}

export interface LockOptions {
  /** What the lock guards, as messages name it (e.g. `dist`). */
  what: string;
  /** How long to wait for a live holder before giving up, in ms. */
  timeoutMs: number;
  /** How often to look again, in ms. */
  pollMs?: number;
  /** Progress and notices (waiting, taking over a stale lock). */
  log?: (line: string) => void;
}

/** The lock is held by a live process longer than the caller would wait. */
export class LockTimeout extends Error {
  constructor(
    message: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(message);
  }
}

/** An unreadable lock this old was left by a process that died between creating and writing it. */
const UNREADABLE_STALE_MS = 10_000;

/** Start time of process `pid` (field 22 of /proc/<pid>/stat), or undefined where /proc is not there. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields are counted after the command name, which may itself contain spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True if the holder still runs: its PID answers signal 0 and, where known, started when the lock says. */
export function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(holder.pid);
  return !(holder.started && started && started !== holder.started);
}

/** The holder a lock file names; undefined if it cannot be read as one, 'gone' if there is no file. */
export function readHolder(file: string): LockHolder | undefined | 'gone' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
  const [pidLine, started] = text.split('\n');
  const pid = Number(pidLine);
  // 0 and negative PIDs would signal whole process groups.
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, ...(started ? { started } : {}) };
}

/** The text of a lock held by process `pid` (default: this one). */
export function lockText(pid: number = process.pid): string {
  return `${pid}\n${processStart(pid) ?? ''}\n`;
}

function tryCreate(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

const ageMs = (file: string) => {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

const sameHolder = (a: LockHolder | undefined | 'gone', b: LockHolder | undefined) =>
  a !== 'gone' && (a === undefined ? b === undefined : b !== undefined && a.pid === b.pid && a.started === b.started);

/**
 * Removes the stale lock `file` if it still names `stale`. Two builds finding the same stale lock
 * must not both take it (the second would delete the first's new lock): the removal is done under
 * a short-lived second lock. True if the stale lock was removed.
 */
function removeStale(file: string, stale: LockHolder | undefined): boolean {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard, lockText())) {
    const other = readHolder(guard);
    // Its holder died in the few lines below: clear it for the next round.
    if (other !== 'gone' && (other === undefined ? ageMs(guard) > UNREADABLE_STALE_MS : !isAlive(other))) unlinkSync(guard);
    return false;
  }
  try {
    if (!sameHolder(readHolder(file), stale)) return false;
    unlinkSync(file);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the lock `file` for this process: at once if it is free, after taking it over if its
 * holder is gone, after waiting (polling) while a live holder has it; throws LockTimeout once
 * `timeoutMs` have passed with the holder still alive.
 */
export async function acquireLock(file: string, opts: LockOptions): Promise<Lock> {
  const { what, timeoutMs, pollMs = 500, log = () => {} } = opts;
  const mine = lockText();
  const deadline = Date.now() + timeoutMs;
  let announced: number | undefined;
  for (;;) {
    if (tryCreate(file, mine)) return ownLock(file, mine);
    const holder = readHolder(file);
    if (holder === 'gone') continue; // released between our two looks
    if (holder === undefined) {
      if (ageMs(file) > UNREADABLE_STALE_MS && removeStale(file, undefined)) {
        log(`构建锁 ${file} 无法读取，已接管 / the lock ${file} could not be read (left by a build cut off at its start): taken over`);
        continue;
      }
    } else if (!isAlive(holder)) {
      if (removeStale(file, holder)) {
        log(`构建锁 ${file} 的持有进程 ${holder.pid} 已不存在（上次构建被中断），已接管 / the lock's holder, process ${holder.pid}, is gone (a build was cut off): taken over`);
        continue;
      }
    } else if (announced !== holder.pid) {
      announced = holder.pid;
      log(
        `${what} 正由进程 ${holder.pid} 构建，等待其完成（最多 ${Math.round(timeoutMs / 1000)} 秒）… / ` +
          `${what} is being built by process ${holder.pid}: waiting for it to finish (up to ${Math.round(timeoutMs / 1000)} s)…`,
      );
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const who = holder ? `进程 ${holder.pid} ` : '另一进程';
      const whoEn = holder ? `process ${holder.pid}` : 'another process';
      throw new LockTimeout(
        `等待 ${Math.round(timeoutMs / 1000)} 秒后，${what} 仍由${who}构建，本次构建退出。若该进程不是构建，请结束它或删除 ${file}。\n` +
          `Gave up after ${Math.round(timeoutMs / 1000)} s: ${what} is still being built by ${whoEn}. If that process is not a build, end it or delete ${file}.`,
        holder,
      );
    }
    await sleep(Math.max(10, Math.min(pollMs, left)));
  }
}

function ownLock(file: string, text: string): Lock {
  let held = true;
  return {
    file,
    release: () => {
      if (!held) return;
      held = false;
      try {
        // Only our own: a lock taken over after we were thought dead is no longer ours to remove.
        if (readFileSync(file, 'utf8') === text) unlinkSync(file);
      } catch {
        // already gone
      }
    },
  };
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/**
 * Releases `locks` when the process ends: on a normal exit, on an error that ends it, and on
 * SIGINT, SIGTERM or SIGHUP (after `onSignal`, e.g. stopping child processes), exiting then with
 * 128 + the signal's number as a shell would report it.
 */
export function releaseOnExit(locks: () => readonly Lock[], onSignal: (signal: NodeJS.Signals) => void = () => {}): void {
  const releaseAll = () => {
    for (const lock of [...locks()].reverse()) lock.release();
  };
  process.on('exit', releaseAll);
  for (const [signal, number] of Object.entries(SIGNALS) as [NodeJS.Signals, number][]) {
    process.once(signal, () => {
      try {
        onSignal(signal);
      } finally {
        releaseAll();
        process.exit(128 + number);
      }
    });
  }
}
