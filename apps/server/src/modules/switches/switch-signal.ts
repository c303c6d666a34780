import type { Database } from '../../db/database.js';

/**
 * How a node learns that a switch changed somewhere (another node, the command line): the port
 * the switches service listens on. Today PostgreSQL's LISTEN/NOTIFY (the tables' triggers
 * notify when a change commits) or a short poll; a Redis or NATS transport can replace it
 * without touching the service. A signal carries no data: the service re-reads the database,
 * which stays the one truth.
 */
export interface SwitchSignal {
  /** Starts calling `onChange` whenever the switches may have changed. */
  start(onChange: () => void): Promise<void>;
  stop(): Promise<void>;
  /** What the operator sees: `notify` or `poll`. */
  readonly kind: string;
}

/** The channel the migration's triggers notify. */
export const SWITCH_CHANNEL = 'atrium_switches';
/** PGlite (no second process to hear from): a poll this often. */
export const SWITCH_POLL_MS = 500;
/** With LISTEN: a poll as well, for notifications lost while the connection was down. */
export const SWITCH_SAFETY_POLL_MS = 10_000;
const RELISTEN_MS = 1_000;

/** Calls `onChange` every `everyMs`. */
export function pollingSignal(everyMs = SWITCH_POLL_MS): SwitchSignal {
  let timer: NodeJS.Timeout | null = null;
  return {
    kind: 'poll',
    async start(onChange) {
      if (timer) return;
      timer = setInterval(onChange, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

/**
 * PostgreSQL LISTEN on a connection of its own. A lost connection is listened to again after a
 * second, and each (re)start calls `onChange` once, since notifications sent meanwhile are gone.
 */
export function notifySignal(
  database: Required<Pick<Database, 'listen'>>,
  options: { warn?: (error: unknown) => void; safetyPollMs?: number } = {},
): SwitchSignal {
  let stopped = true;
  let listener: { close(): Promise<void> } | null = null;
  let retry: NodeJS.Timeout | null = null;
  const safety = pollingSignal(options.safetyPollMs ?? SWITCH_SAFETY_POLL_MS);

  async function listen(onChange: () => void): Promise<void> {
    try {
      const opened = await database.listen(SWITCH_CHANNEL, onChange, (error) => {
        listener = null;
        options.warn?.(error);
        schedule(onChange);
      });
      if (stopped) return void (await opened.close());
      listener = opened;
      onChange();
    } catch (error) {
      options.warn?.(error);
      schedule(onChange);
    }
  }
  function schedule(onChange: () => void): void {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void listen(onChange);
    }, RELISTEN_MS);
    retry.unref();
  }

  return {
    kind: 'notify',
    async start(onChange) {
      if (!stopped) return;
      stopped = false;
      await safety.start(onChange);
      await listen(onChange);
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = null;
      await safety.stop();
      await listener?.close();
      listener = null;
    },
  };
}

/** LISTEN/NOTIFY on PostgreSQL, the short poll elsewhere. */
export function signalFor(database: Database, warn?: (error: unknown) => void): SwitchSignal {
  const { listen } = database;
  return listen
    ? notifySignal({ listen: listen.bind(database) }, warn ? { warn } : {})
    : pollingSignal();
}
