import './training-banner.css';

/** Across the top of every page at a training site, so nobody takes practice for a real whānau. */
export function TrainingBanner() {
  return (
    <p className="training-banner" role="note">
      <strong>TRAINING</strong> — a training site: synthetic whānau for practice, nothing here is about real people.
    </p>
  );
}
