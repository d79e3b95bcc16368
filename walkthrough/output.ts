/** How the walkthrough prints: a numbered title per step, a dimmed line saying why, then rows. */
export const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
export const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
export const say = (text = '') => console.log(text);

export const step = (n: number, title: string, why: string) => {
  say();
  say(bold(`${n}. ${title}`));
  say(dim(`   ${why}`));
};

/** One row: a label, then the value (JSON unless it is already text). */
export const show = (label: string, value: unknown) =>
  say(`   ${label.padEnd(30)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
