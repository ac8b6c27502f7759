import type { Stack } from '../../support/stack';

/** Every record in the store, read through the API's list endpoint page by page, by id. */
export async function storeRecords(stack: Stack): Promise<Map<string, any>> {
  const byId = new Map<string, any>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await stack.api(`/v1/jobs?limit=200${query}`);
    if (res.status !== 200) throw new Error(`GET /v1/jobs answered ${res.status}`);
    for (const record of res.body.items) byId.set(record.id, record);
    cursor = res.body.next_cursor;
  } while (cursor);
  return byId;
}

/** Records whose create call is not settled yet (`queued` / `submitting`); 0 once intake has drained. */
export async function awaitingSubmission(stack: Stack): Promise<number> {
  let n = 0;
  for (const record of (await storeRecords(stack)).values()) if (record.status === 'queued' || record.status === 'submitting') n++;
  return n;
}
