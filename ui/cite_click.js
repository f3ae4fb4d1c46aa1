// Clicking [n] in an answer opens its source card, scrolls to it and marks it.
element.addEventListener('click', (event) => {
  const link = event.target.closest('a.kbqa-cite');
  if (!link) return;
  event.preventDefault();
  const card = document.getElementById(link.dataset.target);
  if (!card) return;
  document.querySelectorAll('.kbqa-card.kbqa-selected')
    .forEach((other) => other.classList.remove('kbqa-selected'));
  card.open = true;
  card.classList.add('kbqa-selected');
  card.scrollIntoView({ behavior: 'smooth', block: 'center' });
});
