/** The titled iframe the overlay and inline presenters show the widget in. */
export function createWidgetFrame(location: URL, title: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.part.add('frame');
  frame.title = title;
  // The widget's origin learns the host's origin (it needs it to post back), not the page path or query.
  frame.referrerPolicy = 'origin';
  frame.src = location.href;
  return frame;
}
