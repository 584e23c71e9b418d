import { useState } from 'preact/hooks';
import type { Ticket } from '../../api/types.js';
import { ErrorMessage } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';

/** Rating 1–5 and a comment, offered once a solution is proposed or the ticket is closed; given once. */
export const FeedbackForm = ({
  ticket,
  given,
  onSent,
}: {
  ticket: Ticket;
  given: boolean;
  onSent: () => void;
}) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [sent, setSent] = useState(false);

  if (sent || given)
    return (
      <p class="notice notice-success" role="status">
        {t('ticket.feedbackThanks')}
      </p>
    );

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (rating === null) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.feedback(ticket.id, comment.trim() ? { rating, comment: comment.trim() } : { rating });
      setSent(true);
      onSent();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card feedback" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('ticket.feedbackTitle')}</h2>
      <form onSubmit={onSubmit}>
        <fieldset class="rating">
          <legend>
            {t('ticket.rating')}{' '}
            <span class="hint">
              ({t('ticket.ratingLow')}, {t('ticket.ratingHigh')})
            </span>
          </legend>
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} class="rating-option">
              <input
                type="radio"
                name="rating"
                value={value}
                checked={rating === value}
                onChange={() => setRating(value)}
              />
              <span aria-hidden="true">{value}</span>
              <span class="visually-hidden">{t('ticket.ratingValue', { value })}</span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="feedback-comment">{t('ticket.comment')}</label>
          <textarea
            id="feedback-comment"
            rows={3}
            maxLength={5000}
            value={comment}
            onInput={(event) => setComment(event.currentTarget.value)}
          />
        </div>
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" disabled={busy || rating === null}>
          {t('ticket.sendFeedback')}
        </button>
      </form>
    </section>
  );
};
