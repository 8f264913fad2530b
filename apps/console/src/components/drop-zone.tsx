import { useRef, useState } from 'preact/hooks';
import { useSession } from '../session.ts';

/**
 * Drop PDFs here, or activate it (click, Enter, Space) to choose files. A real file input does the
 * choosing, so it works with the keyboard and assistive technologies.
 */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const take = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length > 0) onFiles(files);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input inside is the keyboard way.
    <div
      class={over ? 'dropzone dropzone-over' : 'dropzone'}
      data-testid="dropzone"
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer?.files ?? null);
      }}
    >
      <label class="dropzone-label" for="plan-files">
        <span class="dropzone-icon" aria-hidden="true">
          ⇪
        </span>
        <span class="dropzone-title">{t.plans.dropHere}</span>
        <span class="dropzone-hint">{t.plans.orBrowse}</span>
      </label>
      <input
        ref={input}
        id="plan-files"
        class="visually-hidden-input"
        type="file"
        accept="application/pdf,.pdf"
        multiple
        aria-label={t.plans.inputLabel}
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
