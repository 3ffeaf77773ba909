//! A layered graph drawn as SVG: one column per stage, nodes as linked boxes,
//! edges as arrows. The layout is a small Sugiyama-style pass: columns are
//! fixed by the caller, and nodes within a column are ordered by the
//! barycentre of their neighbours, keeping the order with fewest crossings.

use super::{esc, num, wrap};

/// A box on the map.
#[derive(Debug, Clone)]
pub struct Node {
    pub label: String,
    pub url: String,
    /// Index into [`Graph::columns`].
    pub column: usize,
}

/// An arrow from one node to another (indexes into [`Graph::nodes`]).
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Shown as the arrow's tooltip, e.g. "A to B, typically 2 to 6 years".
    pub note: String,
}

/// What to draw.
#[derive(Debug, Clone)]
pub struct Graph {
    /// `id` of the `<svg>`; its `<title>` and `<desc>` get `-title`, `-desc`.
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Column headings, left to right.
    pub columns: Vec<String>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

const NODE_W: f64 = 180.0;
const GAP_X: f64 = 70.0;
const MARGIN: f64 = 16.0;
const HEAD_H: f64 = 40.0;
const LINE_H: f64 = 18.0;
const PAD_Y: f64 = 10.0;
const GAP_Y: f64 = 22.0;
/// Height of the slot an edge takes as it passes through a column.
const DUMMY_H: f64 = 4.0;
const CHARS: usize = 21;

/// A slot in a column: a node, or a point where a long edge passes through.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Node(usize),
    Pass,
}

/// Where everything sits.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Items per column, top to bottom (indexes into `items`).
    order: Vec<Vec<usize>>,
    items: Vec<(Item, usize)>,
    /// Per edge, the items it passes through, from source to target.
    chains: Vec<Vec<usize>>,
    node_h: f64,
}

impl Layout {
    /// Splits edges that skip columns into one segment per column and orders
    /// each column by the barycentre of its neighbours to reduce crossings.
    pub fn new(g: &Graph, node_h: f64) -> Layout {
        let cols = g.columns.len().max(1);
        let mut items: Vec<(Item, usize)> = g
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (Item::Node(i), n.column.min(cols - 1)))
            .collect();
        let chains = g
            .edges
            .iter()
            .map(|e| {
                let (a, b) = (items[e.from].1, items[e.to].1);
                let mut chain = vec![e.from];
                for c in (a + 1)..b {
                    items.push((Item::Pass, c));
                    chain.push(items.len() - 1);
                }
                chain.push(e.to);
                chain
            })
            .collect();
        let mut order: Vec<Vec<usize>> = vec![Vec::new(); cols];
        for (i, (_, c)) in items.iter().enumerate() {
            order[*c].push(i);
        }
        let mut layout = Layout {
            order,
            items,
            chains,
            node_h,
        };
        let mut best = layout.order.clone();
        let mut best_crossings = layout.crossings();
        for sweep in 0..12 {
            let cols: Vec<usize> = if sweep % 2 == 0 {
                (0..layout.order.len()).collect()
            } else {
                (0..layout.order.len()).rev().collect()
            };
            for c in cols {
                let y = layout.centres();
                let mut keyed: Vec<(f64, usize)> = layout.order[c]
                    .iter()
                    .map(|&it| {
                        let near: Vec<f64> = layout
                            .segments()
                            .filter_map(|(a, b)| {
                                if a == it && layout.items[b].1 != c {
                                    Some(y[b])
                                } else if b == it && layout.items[a].1 != c {
                                    Some(y[a])
                                } else {
                                    None
                                }
                            })
                            .collect();
                        let key = if near.is_empty() {
                            y[it]
                        } else {
                            near.iter().sum::<f64>() / near.len() as f64
                        };
                        (key, it)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                layout.order[c] = keyed.into_iter().map(|(_, it)| it).collect();
            }
            let now = layout.crossings();
            if now < best_crossings {
                best_crossings = now;
                best = layout.order.clone();
            }
        }
        layout.order = best;
        layout
    }

    fn height_of(&self, it: usize) -> f64 {
        match self.items[it].0 {
            Item::Node(_) => self.node_h,
            Item::Pass => DUMMY_H,
        }
    }

    fn column_height(&self, col: &[usize]) -> f64 {
        let items: f64 = col.iter().map(|&it| self.height_of(it)).sum();
        items + GAP_Y * (col.len().saturating_sub(1)) as f64
    }

    /// The tallest column's height.
    fn height(&self) -> f64 {
        self.order
            .iter()
            .map(|c| self.column_height(c))
            .fold(0.0, f64::max)
    }

    /// The vertical centre of every item (columns centred on the tallest).
    fn centres(&self) -> Vec<f64> {
        let tallest = self.height();
        let mut y = vec![0.0; self.items.len()];
        for col in &self.order {
            let mut top = (tallest - self.column_height(col)) / 2.0;
            for &it in col {
                let h = self.height_of(it);
                y[it] = top + h / 2.0;
                top += h + GAP_Y;
            }
        }
        y
    }

    /// Consecutive pairs of items along every edge.
    fn segments(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.chains
            .iter()
            .flat_map(|c| c.windows(2).map(|w| (w[0], w[1])))
    }

    /// Pairs of segments between the same two columns that cross.
    fn crossings(&self) -> usize {
        let y = self.centres();
        let segs: Vec<(usize, usize)> = self.segments().collect();
        let mut count = 0;
        for (i, &(a, b)) in segs.iter().enumerate() {
            for &(c, d) in &segs[i + 1..] {
                let same = self.items[a].1 == self.items[c].1 && self.items[b].1 == self.items[d].1;
                if same && (y[a] - y[c]) * (y[b] - y[d]) < 0.0 {
                    count += 1;
                }
            }
        }
        count
    }

    /// Top-to-bottom order of the real nodes in column `c`.
    pub fn nodes_in(&self, c: usize) -> Vec<usize> {
        self.order
            .get(c)
            .map(|col| {
                col.iter()
                    .filter_map(|&it| match self.items[it].0 {
                        Item::Node(n) => Some(n),
                        Item::Pass => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A cubic curve from `(x1, y1)` to `(x2, y2)`, leaving and arriving level.
fn curve(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    let mid = (x1 + x2) / 2.0;
    format!(
        "C{} {} {} {} {} {}",
        num(mid),
        num(y1),
        num(mid),
        num(y2),
        num(x2),
        num(y2)
    )
}

/// The map as an `<svg>` element (with its namespace, so it also stands alone).
pub fn render(g: &Graph) -> String {
    let lines: Vec<Vec<String>> = g.nodes.iter().map(|n| wrap(&n.label, CHARS)).collect();
    let max_lines = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let node_h = max_lines as f64 * LINE_H + 2.0 * PAD_Y;
    let layout = Layout::new(g, node_h);
    let cols = g.columns.len().max(1) as f64;
    let width = 2.0 * MARGIN + cols * NODE_W + (cols - 1.0) * GAP_X;
    let height = HEAD_H + layout.height() + 2.0 * MARGIN;
    let centres = layout.centres();
    let col_x = |c: usize| MARGIN + c as f64 * (NODE_W + GAP_X);
    let item_y = |it: usize| MARGIN + HEAD_H + centres[it];

    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"career-map\" viewBox=\"0 0 {w} {h}\" \
width=\"{w}\" height=\"{h}\" role=\"group\" aria-labelledby=\"{id}-title {id}-desc\" \
font-family=\"system-ui, sans-serif\" font-size=\"14\">\n\
<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n\
<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"#4b5565\"/></marker></defs>\n",
        id = esc(&g.id),
        w = num(width),
        h = num(height),
        title = esc(&g.title),
        desc = esc(&g.desc),
    );
    for (c, head) in g.columns.iter().enumerate() {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"700\" fill=\"#1d2330\">{}</text>\n",
            num(col_x(c) + NODE_W / 2.0),
            num(MARGIN + 18.0),
            esc(head)
        ));
    }
    s.push_str("<g class=\"edges\" fill=\"none\" stroke=\"#4b5565\" stroke-width=\"1.5\">\n");
    for (e, chain) in g.edges.iter().zip(&layout.chains) {
        let (fc, tc) = (layout.items[e.from].1, layout.items[e.to].1);
        let (fy, ty) = (item_y(e.from), item_y(e.to));
        let d = if fc == tc {
            // Same stage: a loop out to the right and back.
            let x = col_x(fc) + NODE_W;
            format!(
                "M{} {}C{} {} {} {} {} {}",
                num(x),
                num(fy),
                num(x + GAP_X * 0.6),
                num(fy),
                num(x + GAP_X * 0.6),
                num(ty),
                num(x + 1.0),
                num(ty)
            )
        } else if fc > tc {
            format!(
                "M{} {}{}",
                num(col_x(fc)),
                num(fy),
                curve(col_x(fc), fy, col_x(tc) + NODE_W + 1.0, ty)
            )
        } else {
            // Forward: through each column it passes, then into the target.
            let mut d = format!("M{} {}", num(col_x(fc) + NODE_W), num(fy));
            let (mut x, mut y) = (col_x(fc) + NODE_W, fy);
            for &it in &chain[1..chain.len() - 1] {
                let c = layout.items[it].1;
                let py = item_y(it);
                d.push_str(&curve(x, y, col_x(c), py));
                d.push_str(&format!("L{} {}", num(col_x(c) + NODE_W), num(py)));
                (x, y) = (col_x(c) + NODE_W, py);
            }
            d.push_str(&curve(x, y, col_x(tc) - 1.0, ty));
            d
        };
        s.push_str(&format!(
            "<path d=\"{d}\" marker-end=\"url(#{}-arrow)\"><title>{}</title></path>\n",
            esc(&g.id),
            esc(&e.note)
        ));
    }
    s.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, n) in g.nodes.iter().enumerate() {
        let x = col_x(layout.items[i].1);
        let y = item_y(i) - node_h / 2.0;
        let text_h = lines[i].len() as f64 * LINE_H;
        let first = y + (node_h - text_h) / 2.0 + LINE_H * 0.75;
        s.push_str(&format!(
            "<a href=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#f3f6fa\" stroke=\"#0b5cad\" stroke-width=\"1.5\"/>\
<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#083f77\">",
            esc(&n.url),
            num(x),
            num(y),
            num(NODE_W),
            num(node_h),
            num(x + NODE_W / 2.0),
            num(first)
        ));
        for (k, line) in lines[i].iter().enumerate() {
            s.push_str(&format!(
                "<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
                num(x + NODE_W / 2.0),
                if k == 0 { "0".to_string() } else { num(LINE_H) },
                esc(line)
            ));
        }
        s.push_str("</text></a>\n");
    }
    s.push_str("</g>\n</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(label: &str, column: usize) -> Node {
        Node {
            label: label.into(),
            url: format!("/{label}/"),
            column,
        }
    }

    fn edge(from: usize, to: usize) -> Edge {
        Edge {
            from,
            to,
            note: String::new(),
        }
    }

    #[test]
    fn barycentre_ordering_removes_a_crossing() {
        // a -> d and b -> c, listed so that the arrows cross.
        let g = Graph {
            id: "m".into(),
            title: "t".into(),
            desc: "d".into(),
            columns: vec!["one".into(), "two".into()],
            nodes: vec![node("a", 0), node("b", 0), node("c", 1), node("d", 1)],
            edges: vec![edge(0, 3), edge(1, 2)],
        };
        let layout = Layout::new(&g, 40.0);
        assert_eq!(layout.crossings(), 0);
        let (left, right) = (layout.nodes_in(0), layout.nodes_in(1));
        let at = |col: &[usize], n: usize| col.iter().position(|&x| x == n);
        // a sits level with d, b with c.
        assert_eq!(at(&left, 0) < at(&left, 1), at(&right, 3) < at(&right, 2));
        let svg = render(&g);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("<a href=").count(), 4);
    }

    #[test]
    fn long_edges_pass_through_middle_columns() {
        let g = Graph {
            id: "m".into(),
            title: "t".into(),
            desc: "d".into(),
            columns: vec!["one".into(), "two".into(), "three".into()],
            nodes: vec![node("a", 0), node("b", 1), node("c", 2)],
            edges: vec![edge(0, 2), edge(0, 1)],
        };
        let layout = Layout::new(&g, 40.0);
        assert_eq!(
            layout.chains[0].len(),
            3,
            "one pass-through slot in column two"
        );
        assert_eq!(layout.nodes_in(1), vec![1]);
        assert!(render(&g).contains("<path d=\"M"));
    }
}
