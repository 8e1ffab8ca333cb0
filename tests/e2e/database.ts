import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

// A device's database as an earlier build of the app left it, written back into a fresh
// browser before the app opens it: what a person has on their phone when a new version
// arrives. Captured by tests/e2e/upgrade/capture.mjs.

export interface StoreDump {
  name: string;
  keyPath: string | string[] | null;
  indexes: Array<{ name: string; keyPath: string | string[] }>;
  records: unknown[];
}

export interface DatabaseDump {
  name: string;
  version: number;
  stores: StoreDump[];
}

/** The database captured from the build that wrote schema `version`. */
export function capturedDatabase(version: number): DatabaseDump {
  return JSON.parse(readFileSync(join(__dirname, 'upgrade', `database-v${version}.json`), 'utf8'));
}

/**
 * Writes `dump` into the page's origin as that build created it: its version, stores, indexes
 * and records, bytes as `Uint8Array`s. The page must be of the app's origin but not run the
 * app (which would open the database first).
 */
export async function writeDatabase(page: Page, dump: DatabaseDump) {
  await page.evaluate(async (dump) => {
    const bytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const revive = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(revive);
      if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.$bytes === 'string' && Object.keys(record).length === 1) return bytes(record.$bytes);
        return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, revive(inner)]));
      }
      return value;
    };
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dump.name, dump.version);
      request.onupgradeneeded = () => {
        for (const store of dump.stores) {
          const created = request.result.createObjectStore(store.name, { keyPath: store.keyPath });
          for (const index of store.indexes) created.createIndex(index.name, index.keyPath);
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const names = dump.stores.map((s) => s.name);
    await new Promise<void>((resolve, reject) => {
      const transaction = database.transaction(names, 'readwrite');
      for (const store of dump.stores) {
        for (const record of store.records) transaction.objectStore(store.name).put(revive(record));
      }
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
    database.close();
  }, dump);
}

/** The version of the app's database and the keys each store holds. */
export async function databaseKeys(page: Page): Promise<{ version: number; keys: Record<string, string[]> }> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('report311');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const keys: Record<string, string[]> = {};
    for (const name of Array.from(database.objectStoreNames)) {
      keys[name] = await new Promise<string[]>((resolve, reject) => {
        const request = database.transaction(name).objectStore(name).getAllKeys();
        request.onsuccess = () => resolve(request.result.map(String));
        request.onerror = () => reject(request.error);
      });
    }
    const version = database.version;
    database.close();
    return { version, keys };
  });
}
