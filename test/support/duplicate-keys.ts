/**
 * Keys that appear more than once in one object of a JSON text. JSON.parse silently keeps the last
 * one, but log collectors differ (some keep the first, some reject the line), so a log line must
 * never have any.
 */
export function duplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  const objects: (Set<string> | null)[] = []; // null: an array
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      let next = end + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      const keys = objects[objects.length - 1];
      if (keys && text[next] === ':') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) duplicates.push(key);
        keys.add(key);
      }
      i = end;
    } else if (c === '{') objects.push(new Set());
    else if (c === '[') objects.push(null);
    else if (c === '}' || c === ']') objects.pop();
  }
  return duplicates;
}
