// The solutions a list page offers in its solution filter and names in its heading.
import { listSolutions, type SolutionSummary } from '../api/solutions.js';
import { Resource } from './resource.js';

export class SolutionList extends Resource<SolutionSummary[]> {
  override hostConnected(): void {
    this.load(async () => (await listSolutions()).items);
  }

  /** The solution's name, once the list is here; a code the list does not know has none. */
  nameOf(code: string): string | undefined {
    return this.value?.find((s) => s.code === code)?.name;
  }
}
