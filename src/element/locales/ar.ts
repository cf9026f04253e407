import type { Strings } from '../strings.js';

export const strings: Strings = {
  connect: 'ربط الحساب المصرفي',
  connecting: 'جارٍ الربط…',
  ibanLabel: 'رقم الآيبان',
  optional: 'اختياري',
  ibanInvalid: 'رقم الآيبان هذا غير صالح. يرجى التحقق منه.',
  ibanRequired: 'يرجى إدخال رقم الآيبان.',
  dialogLabel: 'اربط حسابك المصرفي',
  frameTitle: 'الربط المصرفي',
  close: 'إغلاق',
  failed: 'تعذّر بدء الربط المصرفي أو إتمامه. يرجى المحاولة مرة أخرى.',
  popupWaiting: 'تابع في نافذة الربط المصرفي.',
  popupFocus: 'المتابعة في النافذة',
  popupClosed: 'يبدو أن النافذة مغلقة. أعد فتحها أو ألغِ العملية.',
  popupReopen: 'إعادة فتح النافذة',
  cancel: 'إلغاء',
};
