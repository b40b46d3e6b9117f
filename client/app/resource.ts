// Loads data for an element and keeps the loading/error/value state, ignoring answers to superseded requests.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/http.js';

export type ResourceState<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiError };

export class Resource<T> implements ReactiveController {
  state: ResourceState<T> = { status: 'idle' };
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // A request that answers after the page is gone must not write into it.
    this.generation++;
  }

  get value(): T | undefined {
    if (this.state.status === 'ready') return this.state.value;
    if (this.state.status === 'loading') return this.state.previous;
    return undefined;
  }

  /** Starts a load; a newer load wins over an older one that answers late (typing in a search box). */
  async load(fetcher: () => Promise<T>): Promise<T | undefined> {
    const generation = ++this.generation;
    this.state = { status: 'loading', previous: this.value };
    this.host.requestUpdate();
    try {
      const value = await fetcher();
      if (generation !== this.generation) return undefined;
      this.state = { status: 'ready', value };
      return value;
    } catch (err) {
      if (generation !== this.generation) return undefined;
      this.state = { status: 'error', error: toApiError(err) };
      return undefined;
    } finally {
      if (generation === this.generation) this.host.requestUpdate();
    }
  }

  /** Replaces the value without a request, e.g. with the answer of a save. */
  set(value: T): void {
    this.generation++;
    this.state = { status: 'ready', value };
    this.host.requestUpdate();
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  console.error(err);
  return new ApiError(0, 'client', 'Der opstod en uventet fejl i browseren. Genindlæs siden, og prøv igen.');
}
