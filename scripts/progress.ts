/** A one-line progress bar on stderr (plain lines when stderr is not a terminal). */
export function progressBar(total: number, label: string) {
  const tty = process.stderr.isTTY;
  let last = -1;
  const draw = (n: number) => {
    const pct = total === 0 ? 100 : Math.floor((n / total) * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    const line = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${n}/${total} ${pct}%`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (pct % 10 === 0) process.stderr.write(`${line}\n`);
  };
  return {
    update: draw,
    done: () => {
      draw(total);
      if (tty) process.stderr.write("\n");
    },
  };
}
