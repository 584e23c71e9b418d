import { useEffect, useState } from 'preact/hooks';
import type { MessageAttachment } from '../../api/types.js';
import { errorText } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { formatSize } from './upload.js';

const isImage = (type: string) => type.startsWith('image/');

/** An image's thumbnail from a presigned link (valid 5 minutes; the page loads it once). */
const Thumbnail = ({ ticketId, attachment }: { ticketId: string; attachment: MessageAttachment }) => {
  const { api } = useApp();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.getAttachment(ticketId, attachment.id).then(
      ({ data }) => live && setUrl(data.downloadUrl),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, ticketId, attachment.id]);
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      <img class="attachment-thumb" src={url} alt={attachment.fileName} />
    </a>
  ) : (
    <span class="attachment-thumb placeholder">{attachment.fileName}</span>
  );
};

/** The files of a message: images as thumbnails, other files as links with their size. */
export const MessageAttachments = ({
  ticketId,
  attachments,
}: {
  ticketId: string;
  attachments: MessageAttachment[] | undefined;
}) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  if (!attachments?.length) return null;
  // A file not offered (a mail's file still awaiting the malware scan, or rejected by it): the API says why.
  const download = async (attachment: MessageAttachment) => {
    try {
      const { data } = await api.getAttachment(ticketId, attachment.id);
      window.location.assign(data.downloadUrl);
    } catch (error) {
      notify('error', errorText(error, i18n));
    }
  };
  return (
    <ul class="message-attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          {isImage(attachment.contentType) ? (
            <Thumbnail ticketId={ticketId} attachment={attachment} />
          ) : (
            <button type="button" class="link" onClick={() => void download(attachment)}>
              {t('attachments.download', { name: attachment.fileName, size: formatSize(attachment.size) })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
};
