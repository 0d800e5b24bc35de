<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
<context>
    <name>AnnotationList</name>
    <message>
        <location filename="../../annotator/ui/annotation_list.py" line="28" />
        <source>Annotations</source>
        <translation>التوسيمات</translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/annotation_list.py" line="138" />
        <source>Spans (%n)</source>
        <translation>
            <numerusform>المقاطع (%n)</numerusform>
            <numerusform>المقاطع (%n)</numerusform>
            <numerusform>المقاطع (%n)</numerusform>
            <numerusform>المقاطع (%n)</numerusform>
            <numerusform>المقاطع (%n)</numerusform>
            <numerusform>المقاطع (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/annotation_list.py" line="139" />
        <source>Events (%n)</source>
        <translation>
            <numerusform>الأحداث (%n)</numerusform>
            <numerusform>الأحداث (%n)</numerusform>
            <numerusform>الأحداث (%n)</numerusform>
            <numerusform>الأحداث (%n)</numerusform>
            <numerusform>الأحداث (%n)</numerusform>
            <numerusform>الأحداث (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/annotation_list.py" line="140" />
        <source>Relations (%n)</source>
        <translation>
            <numerusform>العلاقات (%n)</numerusform>
            <numerusform>العلاقات (%n)</numerusform>
            <numerusform>العلاقات (%n)</numerusform>
            <numerusform>العلاقات (%n)</numerusform>
            <numerusform>العلاقات (%n)</numerusform>
            <numerusform>العلاقات (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>بواسطة %1</translation>
    </message>
</context>
<context>
    <name>AttributesDialog</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="21" />
        <source>Attributes of %1</source>
        <translation>سمات %1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="27" />
        <source>Subtype</source>
        <translation>النوع الفرعي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="36" />
        <source>A remark for reviewers</source>
        <translation>ملاحظة للمراجعين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="37" />
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="79" />
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="79" />
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="79" />
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="79" />
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="79" />
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="146" />
        <source>Filter by title, source or id</source>
        <translation>تصفية بالعنوان أو المصدر أو المعرّف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="148" />
        <source>Filter documents</source>
        <translation>تصفية المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="150" />
        <source>Filter by status</source>
        <translation>تصفية حسب الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="224" />
        <source>My queue</source>
        <translation>قائمتي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="226" />
        <source>Only the documents given to you; next goes to your next unfinished one</source>
        <translation>المستندات المسندة إليك فقط؛ «التالي» ينقلك إلى أول مستند لم تُنجزه منها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="151" />
        <source>all</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="156" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../annotator/ui/app.py" line="52" />
        <source>Something went wrong: %1

Details are in %2</source>
        <translation>حدث خطأ غير متوقع: %1

التفاصيل في %2</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="66" />
        <source>Import options</source>
        <translation>خيارات الاستيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="68" />
        <source>Recognise title, source and date in scraped news pages</source>
        <translation>التعرف على العنوان والمصدر والتاريخ في صفحات الأخبار المحفوظة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="71" />
        <source>Import the valid documents and report the rest</source>
        <translation>استيراد المستندات السليمة والإبلاغ عن البقية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="73" />
        <source>Encoding of .txt files</source>
        <translation>ترميز ملفات txt</translation>
    </message>
    <message>
        <source>e.g. PERS=PER, MISC= (leaves MISC out)</source>
        <translation>مثلًا PERS=PER, MISC= (يترك MISC)</translation>
    </message>
    <message>
        <source>Rename labels as they are read</source>
        <translation>إعادة تسمية الوسوم عند القراءة</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <location filename="../../annotator/ui/label_palette.py" line="29" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/label_palette.py" line="42" />
        <source>Entities and values</source>
        <translation>الكيانات والقيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/label_palette.py" line="42" />
        <source>Event triggers</source>
        <translation>محفزات الأحداث</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Give documents to annotators…</source>
        <translation>إ&amp;سناد مستندات إلى الموسِّمين…</translation>
    </message>
    <message>
        <source>New documents given: %1</source>
        <translation>المستندات المسندة حديثًا: %1</translation>
    </message>
    <message>
        <source>&amp;History of this annotation…</source>
        <translation>&amp;سجلّ هذا التوسيم…</translation>
    </message>
    <message>
        <source>Pick an annotation to see its history.</source>
        <translation>اختر توسيمًا لترى سجلّه.</translation>
    </message>
    <message>
        <source>&amp;Agreement between annotators…</source>
        <translation>&amp;الاتفاق بين الموسِّمين…</translation>
    </message>
    <message>
        <source>Ad&amp;judicate layers…</source>
        <translation>&amp;حسم الطبقات…</translation>
    </message>
    <message>
        <source>Open a document to adjudicate first.</source>
        <translation>افتح مستندًا لحسمه أولًا.</translation>
    </message>
    <message>
        <source>Cannot adjudicate: %1</source>
        <translation>تعذّر الحسم: %1</translation>
    </message>
    <message>
        <source>Created a new database: %1</source>
        <translation>أُنشئت قاعدة بيانات جديدة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="50" />
        <location filename="../../annotator/ui/main_window.py" line="626" />
        <source>annotator</source>
        <translation>annotator</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="59" />
        <source>Article text</source>
        <translation>نص المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="86" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="87" />
        <source>Annotations</source>
        <translation>التوسيمات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="88" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="132" />
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="133" />
        <source>&amp;Import…</source>
        <translation>&amp;استيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="134" />
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="136" />
        <source>&amp;Preferences…</source>
        <translation>ال&amp;تفضيلات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="138" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="140" />
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="141" />
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="142" />
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="144" />
        <source>&amp;Delete annotation</source>
        <translation>&amp;حذف التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="145" />
        <source>&amp;Attributes, subtype and note…</source>
        <translation>ال&amp;سمات والنوع الفرعي والملاحظة…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="147" />
        <source>E&amp;xact letters (do not snap to words)</source>
        <translation>حروف &amp;دقيقة (دون التوسع إلى الكلمة)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="149" />
        <source>Strip leading &amp;clitic (و ف ب ل ك س)</source>
        <translation>حذف ال&amp;سابقة المتصلة (و ف ب ل ك س)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="152" />
        <source>&amp;Annotate</source>
        <translation>&amp;توسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="153" />
        <source>Add &amp;argument to the current event…</source>
        <translation>إضافة &amp;مشارك إلى الحدث الحالي…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="155" />
        <source>Add &amp;relation from the current span…</source>
        <translation>إضافة &amp;علاقة من المقطع الحالي…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="158" />
        <source>&amp;Document</source>
        <translation>&amp;مستند</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="160" />
        <source>Mark as %1</source>
        <translation>تعيين الحالة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="162" />
        <source>Mark done and open the next unfinished</source>
        <translation>إنهاء وفتح المستند التالي غير المكتمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="165" />
        <source>&amp;Next document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="167" />
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="169" />
        <source>Next &amp;unfinished document</source>
        <translation>المستند التالي &amp;غير المكتمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="172" />
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="173" />
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="175" />
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="177" />
        <source>&amp;Reset zoom</source>
        <translation>إ&amp;عادة الحجم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="182" />
        <source>Main</source>
        <translation>رئيسي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="440" />
        <source>%1

Delete them together with the span?</source>
        <translation>%1

هل تحذفها مع المقطع؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="509" />
        <source>Undo %1</source>
        <translation>تراجع: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="510" />
        <source>Redo %1</source>
        <translation>إعادة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="566" />
        <source>Import documents</source>
        <translation>استيراد مستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="567" />
        <source>Articles and annotations (*.txt *.jsonl)</source>
        <translation>مقالات وتوسيمات (*.txt *.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="576" />
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="583" />
        <source>Imported %1 documents (%2 spans); %3 already there, %4 skipped.</source>
        <translation>استُورد من المستندات %1 (المقاطع: %2)؛ موجود مسبقًا: %3، متروك: %4.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="589" />
        <source>This project's JSONL (*.jsonl)</source>
        <translation>JSONL الخاص بهذا المشروع (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="589" />
        <source>doccano JSONL (*.jsonl)</source>
        <translation>JSONL بصيغة doccano (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="590" />
        <source>Export corpus</source>
        <translation>تصدير المدونة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="596" />
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="601" />
        <source>Exported %1 documents to %2</source>
        <translation>صُدّر من المستندات %1 إلى %2</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>Next span</source>
        <translation>المقطع التالي</translation>
    </message>
    <message>
        <source>Previous span</source>
        <translation>المقطع السابق</translation>
    </message>
    <message>
        <source>&amp;Labels above spans</source>
        <translation>ال&amp;وسوم فوق المقاطع</translation>
    </message>
    <message>
        <source>&amp;Progress…</source>
        <translation>ال&amp;تقدّم…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>البحث</translation>
    </message>
    <message>
        <source>Label all occurrences in the &amp;corpus…</source>
        <translation>وسم كل المواضع في &amp;المدونة…</translation>
    </message>
    <message>
        <source>&amp;Search the corpus…</source>
        <translation>ا&amp;بحث في المدونة…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>ا&amp;ختصارات لوحة المفاتيح…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="84" />
        <source>Preferences</source>
        <translation>التفضيلات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="88" />
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="90" />
        <source>Interface language (after a restart)</source>
        <translation>لغة الواجهة (بعد إعادة التشغيل)</translation>
    </message>
    <message>
        <source>Interface font size</source>
        <translation>حجم خط الواجهة</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>سمة داكنة</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="25" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="26" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="27" />
        <source>done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="28" />
        <source>reviewed</source>
        <translation>مُراجَع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="33" />
        <source>adjudicated</source>
        <translation>محسوم</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>%1 documents · %2 a second</source>
        <translation>%1 مستند · %2 في الثانية</translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>بقي أقل من ثانية</numerusform>
            <numerusform>بقيت نحو ثانية واحدة</numerusform>
            <numerusform>بقي نحو ثانيتين</numerusform>
            <numerusform>بقي نحو %n ثوانٍ</numerusform>
            <numerusform>بقي نحو %n ثانية</numerusform>
            <numerusform>بقي نحو %n ثانية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>بقي أقل من دقيقة</numerusform>
            <numerusform>بقيت نحو دقيقة واحدة</numerusform>
            <numerusform>بقي نحو دقيقتين</numerusform>
            <numerusform>بقي نحو %n دقائق</numerusform>
            <numerusform>بقي نحو %n دقيقة</numerusform>
            <numerusform>بقي نحو %n دقيقة</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation>بقي نحو %1 س %2 د</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>استيراد مستندات</translation>
    </message>
    <message>
        <source>Articles and annotations (%1)</source>
        <translation>مقالات وتوسيمات (%1)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Export corpus</source>
        <translation>تصدير المدونة</translation>
    </message>
    <message>
        <source>Also wrote %1</source>
        <translation>وكُتب أيضًا %1</translation>
    </message>
    <message>
        <source>What the format could not carry, or carried changed:</source>
        <translation>ما لم تحمله الصيغة، أو حملته مغيَّرًا:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new document(s).</source>
        <translation>
            <numerusform>لم تُستورد أي مستندات جديدة.</numerusform>
            <numerusform>استُورد مستند جديد واحد.</numerusform>
            <numerusform>استُورد مستندان جديدان.</numerusform>
            <numerusform>استُوردت %n مستندات جديدة.</numerusform>
            <numerusform>استُورد %n مستندًا جديدًا.</numerusform>
            <numerusform>استُورد %n مستند جديد.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n span(s) in all.</source>
        <translation>
            <numerusform>لم يُضف أي مقطع.</numerusform>
            <numerusform>أُضيف مقطع واحد.</numerusform>
            <numerusform>أُضيف مقطعان.</numerusform>
            <numerusform>أُضيفت %n مقاطع.</numerusform>
            <numerusform>أُضيف %n مقطعًا.</numerusform>
            <numerusform>أُضيف %n مقطع.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) already there got new annotations or a status.</source>
        <translation>
            <numerusform>مستندات موجودة أصلًا نالت توسيمات جديدة أو حالة: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا نالت توسيمات جديدة أو حالة: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا نالت توسيمات جديدة أو حالة: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا نالت توسيمات جديدة أو حالة: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا نالت توسيمات جديدة أو حالة: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا نالت توسيمات جديدة أو حالة: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) already there unchanged.</source>
        <translation>
            <numerusform>مستندات موجودة أصلًا بلا تغيير: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا بلا تغيير: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا بلا تغيير: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا بلا تغيير: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا بلا تغيير: %n.</numerusform>
            <numerusform>مستندات موجودة أصلًا بلا تغيير: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) replaced (a new text, no annotations yet).</source>
        <translation>
            <numerusform>مستندات استُبدلت (نص جديد، بلا توسيمات بعد): %n.</numerusform>
            <numerusform>مستندات استُبدلت (نص جديد، بلا توسيمات بعد): %n.</numerusform>
            <numerusform>مستندات استُبدلت (نص جديد، بلا توسيمات بعد): %n.</numerusform>
            <numerusform>مستندات استُبدلت (نص جديد، بلا توسيمات بعد): %n.</numerusform>
            <numerusform>مستندات استُبدلت (نص جديد، بلا توسيمات بعد): %n.</numerusform>
            <numerusform>مستندات استُبدلت (نص جديد، بلا توسيمات بعد): %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) differ from the stored ones; the stored ones were kept.</source>
        <translation>
            <numerusform>توسيمات تخالف المحفوظة، وأُبقيت المحفوظة: %n.</numerusform>
            <numerusform>توسيمات تخالف المحفوظة، وأُبقيت المحفوظة: %n.</numerusform>
            <numerusform>توسيمات تخالف المحفوظة، وأُبقيت المحفوظة: %n.</numerusform>
            <numerusform>توسيمات تخالف المحفوظة، وأُبقيت المحفوظة: %n.</numerusform>
            <numerusform>توسيمات تخالف المحفوظة، وأُبقيت المحفوظة: %n.</numerusform>
            <numerusform>توسيمات تخالف المحفوظة، وأُبقيت المحفوظة: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped.</source>
        <translation>
            <numerusform>تُخطّي: %n.</numerusform>
            <numerusform>تُخطّي: %n.</numerusform>
            <numerusform>تُخطّي: %n.</numerusform>
            <numerusform>تُخطّي: %n.</numerusform>
            <numerusform>تُخطّي: %n.</numerusform>
            <numerusform>تُخطّي: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) to %1</source>
        <translation>
            <numerusform>صُدّرت المستندات (%n) إلى %1</numerusform>
            <numerusform>صُدّرت المستندات (%n) إلى %1</numerusform>
            <numerusform>صُدّرت المستندات (%n) إلى %1</numerusform>
            <numerusform>صُدّرت المستندات (%n) إلى %1</numerusform>
            <numerusform>صُدّرت المستندات (%n) إلى %1</numerusform>
            <numerusform>صُدّرت المستندات (%n) إلى %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>لا مقاطع</numerusform>
            <numerusform>مقطع واحد</numerusform>
            <numerusform>مقطعان</numerusform>
            <numerusform>%n مقاطع</numerusform>
            <numerusform>%n مقطعًا</numerusform>
            <numerusform>%n مقطع</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>لا أحداث</numerusform>
            <numerusform>حدث واحد</numerusform>
            <numerusform>حدثان</numerusform>
            <numerusform>%n أحداث</numerusform>
            <numerusform>%n حدثًا</numerusform>
            <numerusform>%n حدث</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n relation(s)</source>
        <translation>
            <numerusform>لا علاقات</numerusform>
            <numerusform>علاقة واحدة</numerusform>
            <numerusform>علاقتان</numerusform>
            <numerusform>%n علاقات</numerusform>
            <numerusform>%n علاقةً</numerusform>
            <numerusform>%n علاقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>لا جمل</numerusform>
            <numerusform>جملة واحدة</numerusform>
            <numerusform>جملتان</numerusform>
            <numerusform>%n جمل</numerusform>
            <numerusform>%n جملةً</numerusform>
            <numerusform>%n جملة</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>ملف %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ملف</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export as %1</source>
        <translation>تصدير بصيغة %1</translation>
    </message>
    <message>
        <source>Expand to the whole word, clitic included (Wojood, ANERcorp)</source>
        <translation>توسيع إلى الكلمة كلها مع السابقة (كما في وجود وANERcorp)</translation>
    </message>
    <message>
        <source>Split the clitic off as a token of its own (exact spans)</source>
        <translation>فصل السابقة وحدةً مستقلة (مقاطع مطابقة تمامًا)</translation>
    </message>
    <message>
        <source>Leave such spans out (they are counted in the report)</source>
        <translation>ترك هذه المقاطع (تُعدّ في التقرير)</translation>
    </message>
    <message>
        <source>Keep the outer span</source>
        <translation>الإبقاء على المقطع الخارجي</translation>
    </message>
    <message>
        <source>Keep the inner span</source>
        <translation>الإبقاء على المقطع الداخلي</translation>
    </message>
    <message>
        <source>All, as layers: a tag column each</source>
        <translation>كلها طبقاتٍ: عمود وسوم لكل طبقة</translation>
    </message>
    <message>
        <source>Spans starting inside a word</source>
        <translation>مقاطع تبدأ داخل كلمة</translation>
    </message>
    <message>
        <source>Nested spans</source>
        <translation>المقاطع المتداخلة</translation>
    </message>
    <message>
        <source>Only documents that are (none: all)</source>
        <translation>المستندات التي حالتها (بلا اختيار: الكل)</translation>
    </message>
    <message>
        <source>all annotators, or names separated by commas</source>
        <translation>كل الموسِّمين، أو أسماء تفصلها فواصل</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>الموسِّمون</translation>
    </message>
    <message>
        <source>Only these labels (none: all)</source>
        <translation>هذه الوسوم فقط (بلا اختيار: الكل)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find (harakat and tatweel ignored)</source>
        <translation>بحث (تُتجاهل الحركات والتطويل)</translation>
    </message>
    <message>
        <source>Fold letters (أ إ آ ا · ى ي · ة ه)</source>
        <translation>توحيد الحروف (أ إ آ ا · ى ي · ة ه)</translation>
    </message>
    <message>
        <source>Also treat alef forms, alef maqsura and yeh, teh marbuta and heh as the same</source>
        <translation>عُدّ صور الألف واحدة، والألف المقصورة ياءً، والتاء المربوطة هاءً</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>البحث عن ال&amp;تالي</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>البحث عن ال&amp;سابق</translation>
    </message>
    <message>
        <source>&amp;Label all occurrences</source>
        <translation>&amp;وسم كل المواضع</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>غير موجود</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
</context>
<context>
    <name>GuidelinePane</name>
    <message>
        <source>Pick a span or an event to see its guideline.</source>
        <translation>اختر مقطعًا أو حدثًا لترى إرشاده.</translation>
    </message>
    <message>
        <source>This schema gives no definition for %1.</source>
        <translation>لا يعطي هذا المخطط تعريفًا لـ %1.</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>الأدوار:</translation>
    </message>
</context>
<context>
    <name>AnnotatorFilter</name>
    <message>
        <source>Show the annotations of</source>
        <translation>عرض توسيمات</translation>
    </message>
    <message>
        <source>All annotators</source>
        <translation>كل الموسِّمين</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Documents by status</source>
        <translation>المستندات حسب الحالة</translation>
    </message>
    <message>
        <source>Spans by label</source>
        <translation>المقاطع حسب الوسم</translation>
    </message>
    <message>
        <source>Events by type</source>
        <translation>الأحداث حسب النوع</translation>
    </message>
    <message>
        <source>Work by annotator</source>
        <translation>العمل حسب الموسِّم</translation>
    </message>
    <message>
        <source>Work by day</source>
        <translation>العمل حسب اليوم</translation>
    </message>
    <message>
        <source>the documents shown in the corpus pane</source>
        <translation>المستندات الظاهرة في لوحة المدونة</translation>
    </message>
    <message>
        <source>the whole corpus</source>
        <translation>المدونة كلها</translation>
    </message>
    <message>
        <source>%1 documents: %2</source>
        <translation>%1 مستندًا: %2</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>التقدّم</translation>
    </message>
    <message>
        <source>Save chart…</source>
        <translation>حفظ المخطط…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>حفظ المخطط</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>صورة PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>رسم SVG (*.svg)</translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message>
        <source>Search every document (harakat and tatweel ignored)</source>
        <translation>ابحث في كل المستندات (تُهمل الحركات والتطويل)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Unlabelled text</source>
        <translation>نص غير موسوم</translation>
    </message>
    <message>
        <source>Spans labelled</source>
        <translation>مقاطع موسومة بـ</translation>
    </message>
    <message>
        <source>Events of type</source>
        <translation>أحداث من نوع</translation>
    </message>
    <message>
        <source>any</source>
        <translation>أي</translation>
    </message>
    <message>
        <source>Fold letters</source>
        <translation>توحيد الحروف</translation>
    </message>
    <message>
        <source>Also treat alef forms, alef maqsura and yeh, teh marbuta and heh as the same</source>
        <translation>عامل صور الألف، والألف المقصورة والياء، والتاء المربوطة والهاء معاملة واحدة</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>ابحث</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>السياق</translation>
    </message>
    <message>
        <source>More</source>
        <translation>المزيد</translation>
    </message>
    <message>
        <source>List twice as many hits</source>
        <translation>اعرض ضعف عدد النتائج</translation>
    </message>
    <message>
        <source>Label ticked</source>
        <translation>وسم المؤشَّر عليها</translation>
    </message>
    <message>
        <source>Label every ticked occurrence, in all its documents, as one action (Ctrl+Z undoes it)</source>
        <translation>وسم كل موضع مؤشَّر عليه في كل مستنداته دفعة واحدة (Ctrl+Z يتراجع عنها)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>%1 hits in %2 documents</source>
        <translation>%1 نتيجة في %2 مستند</translation>
    </message>
    <message>
        <source>(the first %1; more in later documents)</source>
        <translation>(أول %1؛ والمزيد في مستندات لاحقة)</translation>
    </message>
</context>
<context>
    <name>Adjudication</name>
    <message>
        <source>agreed</source>
        <translation>متّفق عليه</translation>
    </message>
    <message>
        <source>label conflict</source>
        <translation>خلاف في الوسم</translation>
    </message>
    <message>
        <source>boundary conflict</source>
        <translation>خلاف في الحدود</translation>
    </message>
    <message>
        <source>role conflict</source>
        <translation>خلاف في الأدوار</translation>
    </message>
    <message>
        <source>missing in a layer</source>
        <translation>ناقص في طبقة</translation>
    </message>
</context>
<context>
    <name>AdjudicationDialog</name>
    <message>
        <source>Adjudicate %1</source>
        <translation>حسم %1</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>In gold</source>
        <translation>في المرجع</translation>
    </message>
    <message>
        <source>%1: accept that layer · A: every side · G: all agreed · Ctrl+Z: take back · Ctrl+Return: done</source>
        <translation>%1: اعتماد تلك الطبقة · A: كل الأطراف · G: كل المتّفق عليه · Ctrl+Z: تراجع · Ctrl+Return: تمّ</translation>
    </message>
    <message>
        <source>Mark adjudicated</source>
        <translation>وسمه محسومًا</translation>
    </message>
    <message>
        <source>Choose a place first.</source>
        <translation>اختر موضعًا أولًا.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>لم يُحفظ: %1</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <source>Agreement between annotators</source>
        <translation>الاتفاق بين الموسِّمين</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>جارٍ القياس…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقتان</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <source>Spans F1 (exact)</source>
        <translation>F1 للمقاطع (تطابق تام)</translation>
    </message>
    <message>
        <source>Spans F1 (overlap)</source>
        <translation>F1 للمقاطع (تداخل)</translation>
    </message>
    <message>
        <source>Cohen's kappa</source>
        <translation>كابا كوهين</translation>
    </message>
    <message>
        <source>Triggers F1</source>
        <translation>F1 للمحفّزات</translation>
    </message>
    <message>
        <source>Arguments F1</source>
        <translation>F1 للمشاركين</translation>
    </message>
    <message>
        <source>Relations F1</source>
        <translation>F1 للعلاقات</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>المتطابق</translation>
    </message>
    <message>
        <source>First layer</source>
        <translation>الطبقة الأولى</translation>
    </message>
    <message>
        <source>Second layer</source>
        <translation>الطبقة الثانية</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <source>Apart</source>
        <translation>المختلف</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>الأزواج</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>%1 layers over %2 documents annotated by two or more; Krippendorff's alpha (tokens): %3</source>
        <translation>عدد الطبقات: %1، في %2 من المستندات وسمها اثنان أو أكثر؛ ألفا كريبندورف (على الكلمات): %3</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>سجلّ %1</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>الوقت (UTC)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <source>After</source>
        <translation>بعد</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Give documents to annotators</source>
        <translation>إسناد مستندات إلى الموسِّمين</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>الأسماء، مفصولة بفواصل</translation>
    </message>
    <message>
        <source>The open document</source>
        <translation>المستند المفتوح</translation>
    </message>
    <message>
        <source>The documents the list shows</source>
        <translation>المستندات المعروضة في القائمة</translation>
    </message>
    <message>
        <source>A random sample of them</source>
        <translation>عيّنة عشوائية منها</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>الموسِّمون</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <source>Sample size</source>
        <translation>حجم العيّنة</translation>
    </message>
    <message>
        <source>Given to two (for agreement)</source>
        <translation>المسند إلى اثنين (لقياس الاتفاق)</translation>
    </message>
    <message>
        <source>There is no document to give.</source>
        <translation>لا مستند لإسناده.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>لم يُحفظ: %1</translation>
    </message>
</context>
<context>
    <name>Gestures</name>
    <message>
        <source>Delete %1?

%2

Delete them together with the span?</source>
        <translation>أتحذف %1؟

%2

أتحذفها مع المقطع؟</translation>
    </message>
    <message>
        <source>Deleted %1 (Ctrl+Z brings it back)</source>
        <translation>حُذف %1 (يعيده Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="333" />
        <source>Select some text first.</source>
        <translation>حدّد نصًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="360" />
        <source>Choose an event first (click its trigger or pick it in the list).</source>
        <translation>اختر حدثًا أولًا (انقر محفّزه أو اختره من القائمة).</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="365" />
        <source>Select a marked span to add as an argument.</source>
        <translation>حدّد مقطعًا موسومًا لإضافته مشاركًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="382" />
        <source>Choose the head span first (click it or pick it in the list).</source>
        <translation>اختر المقطع الأول للعلاقة أولًا (انقره أو اختره من القائمة).</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="387" />
        <source>Select the tail span of the relation.</source>
        <translation>حدّد المقطع الثاني للعلاقة.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="439" />
        <source>Delete span</source>
        <translation>حذف المقطع</translation>
    </message>
    <message>
        <source>Pick a span with an entity label (or apply one) first: label all gives its label to every occurrence.</source>
        <translation>اختر مقطعًا بوسم كيان (أو طبّق وسمًا) أولًا: «وسم كل المواضع» يعطي وسمه لكل موضع.</translation>
    </message>
    <message>
        <source>Every occurrence of %1 is labelled %2 already.</source>
        <translation>كل مواضع %1 موسومة بـ %2 من قبل.</translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n more occurrence(s) of %1 as %2 (Ctrl+Z undoes this).</source>
        <translation>
            <numerusform>لم يُوسم أي موضع آخر من %1 بـ %2.</numerusform>
            <numerusform>وُسم موضع آخر من %1 بـ %2 (Ctrl+Z يتراجع عنه).</numerusform>
            <numerusform>وُسم موضعان آخران من %1 بـ %2 (Ctrl+Z يتراجع عنهما).</numerusform>
            <numerusform>وُسمت %n مواضع أخرى من %1 بـ %2 (Ctrl+Z يتراجع عنها).</numerusform>
            <numerusform>وُسم %n موضعًا آخر من %1 بـ %2 (Ctrl+Z يتراجع عنها).</numerusform>
            <numerusform>وُسم %n موضع آخر من %1 بـ %2 (Ctrl+Z يتراجع عنها).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n occurrence(s) as %1 in %2 document(s) (Ctrl+Z undoes this).</source>
        <translation>
            <numerusform>لم يُوسم أي موضع.</numerusform>
            <numerusform>وُسم موضع واحد بـ %1 في %2 مستند (Ctrl+Z يتراجع عنه).</numerusform>
            <numerusform>وُسم موضعان بـ %1 في %2 مستند (Ctrl+Z يتراجع عنهما).</numerusform>
            <numerusform>وُسمت %n مواضع بـ %1 في %2 مستند (Ctrl+Z يتراجع عنها).</numerusform>
            <numerusform>وُسم %n موضعًا بـ %1 في %2 مستند (Ctrl+Z يتراجع عنها).</numerusform>
            <numerusform>وُسم %n موضع بـ %1 في %2 مستند (Ctrl+Z يتراجع عنها).</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the trigger's text first.</source>
        <translation>حدّد نص المحفّز أولًا.</translation>
    </message>
    <message>
        <source>The span at the caret is out of view: scroll to it, or select some text.</source>
        <translation>المقطع عند المؤشر خارج المعروض: مرّر إليه أو حدّد نصًا.</translation>
    </message>
    <message numerus="yes">
        <source>%n spans at the caret: pick one (click it, or Tab) first.</source>
        <translation>
            <numerusform>لا مقاطع عند المؤشر: اختر مقطعًا (انقره أو اضغط Tab) أولًا.</numerusform>
            <numerusform>مقطع واحد عند المؤشر: اختره (انقره أو اضغط Tab) أولًا.</numerusform>
            <numerusform>مقطعان عند المؤشر: اختر أحدهما (انقره أو اضغط Tab) أولًا.</numerusform>
            <numerusform>%n مقاطع عند المؤشر: اختر أحدها (انقره أو اضغط Tab) أولًا.</numerusform>
            <numerusform>%n مقطعًا عند المؤشر: اختر أحدها (انقره أو اضغط Tab) أولًا.</numerusform>
            <numerusform>%n مقطع عند المؤشر: اختر أحدها (انقره أو اضغط Tab) أولًا.</numerusform>
        </translation>
    </message>
    <message>
        <source>No span is on exactly the selected letters: select a span's letters, or click it.</source>
        <translation>لا مقطع على الحروف المحدّدة بالضبط: حدّد حروف مقطع أو انقره.</translation>
    </message>
    <message numerus="yes">
        <source>%n spans on these letters: pick one in the list first.</source>
        <translation>
            <numerusform>لا مقاطع على هذه الحروف: اختر واحدًا في القائمة أولًا.</numerusform>
            <numerusform>مقطع واحد على هذه الحروف: اختره في القائمة أولًا.</numerusform>
            <numerusform>مقطعان على هذه الحروف: اختر أحدهما في القائمة أولًا.</numerusform>
            <numerusform>%n مقاطع على هذه الحروف: اختر أحدها في القائمة أولًا.</numerusform>
            <numerusform>%n مقطعًا على هذه الحروف: اختر أحدها في القائمة أولًا.</numerusform>
            <numerusform>%n مقطع على هذه الحروف: اختر أحدها في القائمة أولًا.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>This document was replaced in the database; reopened as it is now.</source>
        <translation>استُبدل هذا المستند في قاعدة البيانات؛ فأُعيد فتحه كما هو الآن.</translation>
    </message>
    <message>
        <source>Updated with changes saved by another window or program.</source>
        <translation>حُدِّث بتغييرات حفظتها نافذة أو برنامج آخر.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="284" />
        <source>No unfinished document left.</source>
        <translation>لم يبقَ مستند غير مكتمل.</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="496" />
        <source>Saved</source>
        <translation>حُفظ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="497" />
        <source>Saved, with a warning: %1</source>
        <translation>حُفظ مع تحذير: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="501" />
        <source>Not saved: %1</source>
        <translation>لم يُحفظ: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="524" />
        <source>event: %1</source>
        <translation>الحدث: %1</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
</context>
</TS>