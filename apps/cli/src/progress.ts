/**
 * A one-line progress display on a terminal's stderr; silent when stderr is not a TTY, so pipes and
 * CI logs stay clean and stdout stays pure output.
 */
export function createProgress(stream: NodeJS.WriteStream) {
  const tty = stream.isTTY;
  const started = Date.now();
  let stage = "";
  let lastDraw = 0;
  const draw = (text: string) => {
    if (!tty) return;
    stream.write(`\r\x1b[2K${text}`);
  };
  return {
    step(name: string) {
      stage = name;
      draw(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${stage}…`);
    },
    detail(text: string) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      draw(`[${((now - started) / 1000).toFixed(1)}s] ${stage}: ${text}`);
    },
    done() {
      draw(`done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    },
  };
}
