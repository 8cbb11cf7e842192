import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What OmegaT's glossary pane shows for each term of a glossary file, computed by OmegaT's own
 * code (OmegaT.jar on the class path): the file is read by OmegaT's reader for its kind
 * (GlossaryReaderTSV for .txt/.tab/.utf8, GlossaryReaderTBX for .tbx), then the entries are
 * sorted and merged by FindGlossaryThread.sortGlossaryEntries and filterGlossary, as the pane
 * does before it shows them. (Console mode never loads glossaries, so nothing else shows what
 * OmegaT does with one without a display.)
 *
 * Usage: java -cp OmegaT.jar OmegatGlossaryProbe.java FILE... ; for each FILE, a line
 * "## FILE", then one line per entry: source TAB translations TAB comments, several
 * translations or comments separated by U+001F, line breaks in comments as U+001D.
 */
public class OmegatGlossaryProbe {
    public static void main(String[] args) throws Exception {
        // OmegaT's TBX reader asks the open project for its languages: give it the properties
        // of a zh-CN to en project (no other project method is called).
        Class<?> iproject = Class.forName("org.omegat.core.data.IProject");
        Class<?> propsClass = Class.forName("org.omegat.core.data.ProjectProperties");
        Object props = propsClass.getConstructor(File.class).newInstance(new File("."));
        propsClass.getMethod("setSourceLanguage", String.class).invoke(props, "ZH-CN");
        propsClass.getMethod("setTargetLanguage", String.class).invoke(props, "EN");
        Object project = Proxy.newProxyInstance(iproject.getClassLoader(),
            new Class<?>[] {iproject}, (proxy, method, margs) ->
                method.getName().equals("getProjectProperties") ? props
                : method.getName().equals("isProjectLoaded") ? Boolean.TRUE : null);
        Class.forName("org.omegat.core.Core").getMethod("setProject", iproject)
            .invoke(null, project);

        Class<?> find = Class.forName("org.omegat.gui.glossary.FindGlossaryThread");
        Method sort = find.getDeclaredMethod("sortGlossaryEntries", List.class);
        Method filter = find.getDeclaredMethod("filterGlossary", List.class);
        sort.setAccessible(true);
        filter.setAccessible(true);
        Class<?> entry = Class.forName("org.omegat.gui.glossary.GlossaryEntry");
        Method src = entry.getMethod("getSrcText");
        Method locs = entry.getMethod("getLocTerms", boolean.class);
        Method comments = entry.getMethod("getComments");

        StringBuilder out = new StringBuilder();
        for (String name : args) {
            String reader = name.endsWith(".tbx") ? "GlossaryReaderTBX" : "GlossaryReaderTSV";
            Class<?> cls = Class.forName("org.omegat.gui.glossary." + reader);
            List<Object> entries = new ArrayList<>((List<?>) cls
                .getMethod("read", File.class, boolean.class).invoke(null, new File(name), false));
            sort.invoke(null, entries);
            out.append("## ").append(name).append('\n');
            for (Object e : (List<?>) filter.invoke(null, entries)) {
                out.append(src.invoke(e)).append('\t')
                   .append(String.join("\u001f", (String[]) locs.invoke(e, false))).append('\t')
                   .append(String.join("\u001f", (String[]) comments.invoke(e))
                           .replace("\r", "").replace("\n", "\u001d"))
                   .append('\n');
            }
        }
        System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
