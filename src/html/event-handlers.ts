/**
 * Attribute names that browsers compile into event handlers (HTML's GlobalEventHandlers, the
 * pointer, touch, animation and transition events, Chromium's own, and SVG animation events).
 * Only these meet a CSP: an `onfoo=` or a `once` attribute is never compiled, so no policy sees it.
 */
export const EVENT_HANDLER_ATTRIBUTES: ReadonlySet<string> = new Set(
  `abort animationcancel animationend animationiteration animationstart auxclick beforecopy beforecut
  beforeinput beforematch beforepaste beforetoggle beforexrselect begin blur cancel canplay
  canplaythrough change click close command contentvisibilityautostatechange contextlost contextmenu
  contextrestored copy cuechange cut dblclick drag dragend dragenter dragleave dragover dragstart drop
  durationchange emptied end ended error focus focusin focusout formdata fullscreenchange
  fullscreenerror gotpointercapture input invalid keydown keypress keyup load loadeddata
  loadedmetadata loadstart lostpointercapture mousedown mouseenter mouseleave mousemove mouseout
  mouseover mouseup mousewheel paste pause play playing pointercancel pointerdown pointerenter
  pointerleave pointermove pointerout pointerover pointerrawupdate pointerup progress ratechange
  repeat reset resize scroll scrollend scrollsnapchange scrollsnapchanging search
  securitypolicyviolation seeked seeking select selectionchange selectstart slotchange stalled
  submit suspend timeupdate toggle touchcancel touchend touchmove touchstart transitioncancel
  transitionend transitionrun transitionstart volumechange waiting webkitanimationend
  webkitanimationiteration webkitanimationstart webkitfullscreenchange webkitfullscreenerror
  webkittransitionend wheel`
    .split(/\s+/)
    .map((event) => `on${event}`),
);

/** Handlers of the window that `<body>` and `<frameset>` carry as attributes (HTML's WindowEventHandlers). */
export const WINDOW_HANDLER_ATTRIBUTES: ReadonlySet<string> = new Set(
  `afterprint beforeprint beforeunload hashchange languagechange message messageerror offline online
  pagehide pagereveal pageshow pageswap popstate rejectionhandled storage unhandledrejection unload`
    .split(/\s+/)
    .map((event) => `on${event}`),
);
