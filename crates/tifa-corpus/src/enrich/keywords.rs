//! Per-article keywords by TF-IDF over the corpus's own segmented words. (jieba-rs ships a TF-IDF extractor, but with
//! IDF weights from a general corpus; document frequencies from the compilation itself single out what is
//! characteristic of one article against its neighbours, which is what a reader of a compilation wants.)

use crate::model::Keyword;
use crate::text::segment::Token;
use std::collections::{HashMap, HashSet};

/// How many keywords an article gets.
const PER_ARTICLE: usize = 8;

/// Whether a token can be a keyword: two or more characters, letters or Han only, not a placeholder or stopword.
pub fn is_content_word(token: &Token<'_>, stopwords: &HashSet<String>) -> bool {
    !token.placeholder
        && token.word.chars().count() >= 2
        && token.word.chars().all(|c| crate::text::is_han(c) || c.is_alphabetic())
        && !stopwords.contains(token.word)
}

/// Keywords of every article: `articles[i]` holds the content words of article `i`.
pub fn keywords(articles: &[Vec<&str>]) -> Vec<Vec<Keyword>> {
    let n = articles.len() as f32;
    let mut df: HashMap<&str, usize> = HashMap::new();
    for words in articles {
        let unique: HashSet<&str> = words.iter().copied().collect();
        for w in unique {
            *df.entry(w).or_default() += 1;
        }
    }
    articles
        .iter()
        .map(|words| {
            let mut tf: HashMap<&str, usize> = HashMap::new();
            for w in words {
                *tf.entry(w).or_default() += 1;
            }
            let total = words.len().max(1) as f32;
            let mut scored: Vec<Keyword> = tf
                .into_iter()
                .filter(|(_, count)| *count >= 2 || words.len() < 50)
                .map(|(w, count)| {
                    let idf = ((n + 1.0) / (df[w] as f32 + 1.0)).ln() + 1.0;
                    Keyword { word: w.to_string(), score: ((count as f32 / total) * idf * 1000.0).round() / 1000.0 }
                })
                .collect();
            scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.word.cmp(&b.word)));
            scored.truncate(PER_ARTICLE);
            scored
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characteristic_words_rank_first() {
        let a = vec!["灌区", "灌区", "灌区", "作风", "作风", "配水", "配水"];
        let b = vec!["作风", "作风", "营商", "营商"];
        let k = keywords(&[a, b]);
        assert_eq!(k[0][0].word, "灌区");
        assert_eq!(k[1][0].word, "营商");
        assert!(k[0].iter().all(|x| x.score > 0.0));
    }
}
