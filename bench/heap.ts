import type { BrowserContext, CDPSession, Page } from '@playwright/test';

// The JavaScript heaps of a page and of its dedicated workers, through the DevTools protocol:
// each is garbage-collected first, so that the figure is what stays alive, not what awaits
// collection. Playwright opens protocol sessions on pages only; workers are reached through
// the page's session, auto-attached and spoken to with Target.sendMessageToTarget.

interface Attached {
  sessionId: string;
  targetInfo: { type: string; url: string };
}

export class Heaps {
  private readonly workers: Attached[] = [];
  private readonly waiting = new Map<number, (result: { usedSize: number }) => void>();
  private nextId = 1;

  private constructor(private readonly session: CDPSession) {
    session.on('Target.attachedToTarget', (event: Attached) => {
      if (event.targetInfo.type === 'worker') this.workers.push(event);
    });
    session.on('Target.detachedFromTarget', ({ sessionId }: { sessionId: string }) => {
      const index = this.workers.findIndex((w) => w.sessionId === sessionId);
      if (index >= 0) this.workers.splice(index, 1);
    });
    session.on('Target.receivedMessageFromTarget', ({ message }: { message: string }) => {
      const { id, result } = JSON.parse(message);
      this.waiting.get(id)?.(result);
      this.waiting.delete(id);
    });
  }

  /** Starts following `page` and the workers it starts from now on. */
  static async attach(context: BrowserContext, page: Page): Promise<Heaps> {
    const heaps = new Heaps(await context.newCDPSession(page));
    await heaps.session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return heaps;
  }

  /** The page's live JavaScript heap, in bytes. */
  async page(): Promise<number> {
    await this.session.send('HeapProfiler.collectGarbage');
    return (await this.session.send('Runtime.getHeapUsage')).usedSize;
  }

  /** The live JavaScript heap of the worker whose script URL ends with `script`, in bytes. */
  async worker(script: string): Promise<number> {
    const worker = this.workers.find((w) => w.targetInfo.url.endsWith(script));
    if (!worker) throw new Error(`no worker runs ${script}`);
    await this.inWorker(worker, 'HeapProfiler.collectGarbage');
    return (await this.inWorker(worker, 'Runtime.getHeapUsage')).usedSize;
  }

  /** How many dedicated workers the page has running. */
  workerCount(): number {
    return this.workers.length;
  }

  private inWorker(worker: Attached, method: string): Promise<{ usedSize: number }> {
    const id = this.nextId++;
    const answered = new Promise<{ usedSize: number }>((resolve) => this.waiting.set(id, resolve));
    const message = JSON.stringify({ id, method });
    return this.session.send('Target.sendMessageToTarget', { sessionId: worker.sessionId, message }).then(() => answered);
  }
}
