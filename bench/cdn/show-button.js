// Served by the bench's CDN after its script delay: one script round trip, then the button shows.
document.querySelector('#connect').hidden = false;
