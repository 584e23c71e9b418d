import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Endpoints } from '../../api/endpoints.js';
import { errorText } from '../../components/ui.js';
import { useI18n } from '../../i18n/index.js';
import {
  allowedTypes,
  contentTypeOf,
  formatSize,
  MAX_FILE_BYTES,
  putToStorage,
  untilVerified,
} from './upload.js';

export interface PickedFile {
  key: string;
  file: File;
  name: string;
  /** 0–1 while uploading. */
  progress: number;
  state: 'waiting' | 'uploading' | 'ready' | 'failed';
  attachmentId?: string;
  error?: string;
}

let counter = 0;

/**
 * The files a reply or a new ticket will carry: picked by button, dropped, or pasted (a
 * screenshot). They upload when the message is sent, each with its progress; a file that is
 * too large, of a type not allowed, or refused by the verification shows its error inline.
 */
export const useAttachments = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const [files, setFiles] = useState<PickedFile[]>([]);
  const update = (key: string, change: Partial<PickedFile>) =>
    setFiles((now) => now.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  const add = (picked: Iterable<File>) => {
    const added = [...picked].map((file): PickedFile => {
      counter += 1;
      const name =
        file.name && file.name !== 'image.png'
          ? file.name
          : `${t('attachments.screenshot')}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.png`;
      const error =
        file.size > MAX_FILE_BYTES
          ? t('attachments.tooLarge', { name })
          : allowedTypes.includes(contentTypeOf(file))
            ? undefined
            : t('attachments.notAllowed', { name });
      return {
        key: `f${counter}`,
        file,
        name,
        progress: 0,
        state: error ? 'failed' : 'waiting',
        ...(error ? { error } : {}),
      };
    });
    setFiles((now) => [...now, ...added]);
  };

  const remove = (key: string) => setFiles((now) => now.filter((entry) => entry.key !== key));
  const clear = () => setFiles([]);

  /**
   * Uploads every waiting file to the ticket: the ids of the verified ones, and the errors of
   * those that cannot be sent (each also shown at its file).
   */
  const uploadAll = async (
    api: Endpoints,
    ticketId: string,
  ): Promise<{ ids: string[]; errors: string[] }> => {
    const ids: string[] = [];
    const errors = files.flatMap((entry) => (entry.state === 'failed' && entry.error ? [entry.error] : []));
    for (const entry of files) {
      if (entry.state === 'ready' && entry.attachmentId) {
        ids.push(entry.attachmentId);
        continue;
      }
      if (entry.state !== 'waiting') continue;
      update(entry.key, { state: 'uploading', progress: 0 });
      try {
        const { data: slot } = await api.createAttachment(ticketId, {
          fileName: entry.name,
          contentType: contentTypeOf(entry.file),
          size: entry.file.size,
        });
        await putToStorage(slot.upload, entry.file, (progress) => update(entry.key, { progress }));
        await untilVerified(api, ticketId, slot.id);
        update(entry.key, { state: 'ready', progress: 1, attachmentId: slot.id });
        ids.push(slot.id);
      } catch (error) {
        const reason =
          error instanceof Error && !('status' in error) ? error.message : errorText(error, i18n);
        const message = t('attachments.failed', { name: entry.name, reason });
        errors.push(message);
        update(entry.key, { state: 'failed', error: message });
      }
    }
    return { ids, errors };
  };

  return {
    files,
    add,
    remove,
    clear,
    uploadAll,
    busy: files.some((entry) => entry.state === 'uploading'),
    /** A file picked that cannot be sent (too large, a type not allowed, refused): remove it first. */
    refused: files.some((entry) => entry.state === 'failed'),
  };
};

export type Attachments = ReturnType<typeof useAttachments>;

/** Files pasted into a text box (a screenshot from the clipboard). */
export const pastedFiles = (event: ClipboardEvent): File[] =>
  [...(event.clipboardData?.items ?? [])]
    .filter((item) => item.kind === 'file')
    .flatMap((item) => {
      const file = item.getAsFile();
      return file ? [file] : [];
    });

/** The attach button, the drop zone around `children` and the list of picked files. */
export const AttachmentPicker = ({
  attachments,
  id,
  children,
}: {
  attachments: Attachments;
  id: string;
  children: ComponentChildren;
}) => {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <fieldset
      class={over ? 'attachment-drop over' : 'attachment-drop'}
      aria-label={t('attachments.attach')}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (event.dataTransfer?.files.length) attachments.add(event.dataTransfer.files);
      }}
    >
      {children}
      <div class="attachment-controls">
        <button type="button" class="secondary" onClick={() => input.current?.click()}>
          {t('attachments.attach')}
        </button>
        <input
          ref={input}
          id={`${id}-files`}
          type="file"
          multiple
          hidden
          onChange={(event) => {
            const picked = event.currentTarget.files;
            if (picked?.length) attachments.add(picked);
            event.currentTarget.value = '';
          }}
        />
        <span class="hint">{t('attachments.hint')}</span>
      </div>
      {attachments.files.length > 0 && (
        <ul class="attachment-list" aria-live="polite">
          {attachments.files.map((entry) => (
            <li key={entry.key} class={`attachment-item ${entry.state}`}>
              <span>
                {entry.state === 'uploading'
                  ? t('attachments.uploading', {
                      name: entry.name,
                      percent: Math.round(entry.progress * 100),
                    })
                  : entry.state === 'ready'
                    ? t('attachments.ready', { name: entry.name })
                    : `${entry.name} (${formatSize(entry.file.size)})`}
              </span>
              {entry.state === 'uploading' && <progress max={1} value={entry.progress} />}
              {entry.error && (
                <span class="field-error" role="alert">
                  {entry.error}
                </span>
              )}
              {entry.state !== 'uploading' && (
                <button
                  type="button"
                  class="link"
                  aria-label={t('attachments.remove', { name: entry.name })}
                  onClick={() => attachments.remove(entry.key)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
};
