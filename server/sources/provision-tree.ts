// Provision trees: the whole text under a provision, which is what a trace link to it covers.
import type { ParsedProvision } from './provision.types.js';

type TreeNode = Pick<ParsedProvision, 'key' | 'text' | 'parentKey'>;

/** The same, for provision rows as stored (snake_case parent key). */
export function storedSubtreeTexts(rows: readonly { key: string; text: string; parent_key: string | null }[]): Map<string, string> {
  return subtreeTexts(rows.map((r) => ({ key: r.key, text: r.text, parentKey: r.parent_key })));
}

/** For every provision, its own text followed by its descendants' texts in document order, in one pass. */
export function subtreeTexts(provisions: readonly TreeNode[]): Map<string, string> {
  const children = new Map<string, TreeNode[]>();
  for (const p of provisions) {
    if (p.parentKey === null) continue;
    const list = children.get(p.parentKey);
    if (list) list.push(p);
    else children.set(p.parentKey, [p]);
  }
  const out = new Map<string, string>();
  const build = (p: TreeNode): string => {
    const cached = out.get(p.key);
    if (cached !== undefined) return cached;
    const parts = [p.text];
    for (const child of children.get(p.key) ?? []) parts.push(build(child));
    const text = parts.filter((s) => s.length > 0).join(' ');
    out.set(p.key, text);
    return text;
  };
  for (const p of provisions) build(p);
  return out;
}
