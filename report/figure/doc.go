// Package figure draws the charts of segmentation and scoring with
// gonum/plot: elbow (inertia and silhouette by k), dendrogram, segment
// sizes, KPI and percentage bars, ROC, cumulative gains, calibration, a
// PCA projection of segments, and the lifecycle of a report: Kaplan-Meier
// lifetimes per segment with their confidence band (LifetimePlot), the MRR
// bridge as a waterfall (BridgePlot) and retention by signup month
// (CohortPlot), each placed in its section of the HTML page
// (Figure.Section, report.Placed).
//
// It is apart from report so that only programs that draw pull gonum/plot,
// its fonts and image encoders into their build. report.Report.HTML embeds
// its figures (Figure implements report.Figure). Constructors validate
// their input and return errors wrapping report's sentinels (ErrEmpty,
// ErrLength, ErrValue, ErrNegativeLabel) in a *dataset.ColumnError naming
// the argument and row.
//
// Every Figure says in one plain sentence what it shows and how to read it
// (Explanation, with figures of the data such as the AUC where they help);
// report.Report.HTML prints the sentence under the chart, and
// WithExplanation replaces it. A new constructor needs a sentence: the
// tests find every exported constructor in the source and check it.
//
// A Figure renders lazily and caches the result, so Figure.PNG is cheap to
// call repeatedly, as a notebook does (gophernotes: display.PNG(png)).
// Figures are 960 x 600 px (the elbow chart is taller) in a sans-serif house
// style with the Tableau 10 palette; segment i in report order has colour i
// everywhere, the HTML report included.
//
// The exported API is non-generic so it can be used from gophernotes.
package figure
