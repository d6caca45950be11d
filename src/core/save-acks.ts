/**
 * Tells a relay which of its messages are saved, once a save covers them: at most one wait at a
 * time, so a relay sending thousands of messages a second gets a few confirmations a second,
 * each covering every message recorded before it (`seq` is cumulative).
 */
export function createSaveAcks(
  whenSaved: () => Promise<void>,
  confirm: (seq: number) => void,
): (recordedSeq: number) => void {
  let latest = -1;
  let waiting = false;
  const wait = () => {
    waiting = true;
    const covered = latest;
    void whenSaved().then(() => {
      confirm(covered);
      if (latest > covered) wait();
      else waiting = false;
    });
  };
  return (recordedSeq) => {
    latest = Math.max(latest, recordedSeq);
    if (!waiting) wait();
  };
}
